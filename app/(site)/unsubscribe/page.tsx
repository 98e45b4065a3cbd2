import type { Metadata } from 'next';
import Link from 'next/link';
import { unsubscribeAction } from '@/lib/actions/unsubscribe';
import { verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';
import type { Dictionary } from '@/lib/i18n';
import { getSiteContext } from '@/lib/site';

// Where the "Stop reply emails" link of a reply email leads. It asks first: opening a
// link (as mail scanners do) must not unsubscribe anyone. Works without JavaScript.

// Rendered whole before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.unsubscribeUi.title, robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UnsubscribePage({ searchParams }: PageProps<'/unsubscribe'>) {
  const { t } = await getSiteContext();
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <UnsubscribeContent searchParams={searchParams} ui={t.unsubscribeUi} goHome={t.goHome} />
    </div>
  );
}

async function UnsubscribeContent({ searchParams, ui, goHome }: { searchParams: SearchParams; ui: Dictionary['unsubscribeUi']; goHome: string }) {
  const params = await searchParams;
  if (params.done === '1') {
    return (
      <>
        <h1 className="text-3xl font-semibold">{ui.doneTitle}</h1>
        <p role="status" className="mt-4 text-neutral-700">
          {ui.doneText}
        </p>
        <HomeLink label={goHome} />
      </>
    );
  }
  const token = typeof params.token === 'string' ? params.token : '';
  if (!verifyUnsubscribeToken(token)) {
    return (
      <>
        <h1 className="text-3xl font-semibold">{ui.invalidTitle}</h1>
        <p role="alert" className="mt-4 text-neutral-700">
          {ui.invalidText}
        </p>
        <HomeLink label={goHome} />
      </>
    );
  }
  return (
    <>
      <h1 className="text-3xl font-semibold">{ui.askTitle}</h1>
      <p className="mt-4 text-neutral-700">{ui.askText}</p>
      <form action={unsubscribeAction} className="mt-8">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn-primary">
          {ui.submit}
        </button>
      </form>
    </>
  );
}

function HomeLink({ label }: { label: string }) {
  return (
    <p className="mt-8">
      <Link href="/" className="btn-link">
        {label}
      </Link>
    </p>
  );
}
