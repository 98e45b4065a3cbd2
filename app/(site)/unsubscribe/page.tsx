import type { Metadata } from 'next';
import Link from 'next/link';
import { unsubscribeAction } from '@/lib/actions/unsubscribe';
import { verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';
import { getSiteContext } from '@/lib/site';

// Where the "Stop reply emails" link of a reply email leads. It asks first: opening a
// link (as mail scanners do) must not unsubscribe anyone. Works without JavaScript.

// Rendered whole before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Stop reply emails', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UnsubscribePage({ searchParams }: PageProps<'/unsubscribe'>) {
  const { t } = await getSiteContext();
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <UnsubscribeContent searchParams={searchParams} goHome={t.goHome} />
    </div>
  );
}

async function UnsubscribeContent({ searchParams, goHome }: { searchParams: SearchParams; goHome: string }) {
  const params = await searchParams;
  if (params.done === '1') {
    return (
      <>
        <h1 className="text-3xl font-semibold">Unsubscribed</h1>
        <p role="status" className="mt-4 text-neutral-700">
          You will no longer get reply emails.
        </p>
        <HomeLink label={goHome} />
      </>
    );
  }
  const token = typeof params.token === 'string' ? params.token : '';
  if (!verifyUnsubscribeToken(token)) {
    return (
      <>
        <h1 className="text-3xl font-semibold">This unsubscribe link is not valid</h1>
        <p role="alert" className="mt-4 text-neutral-700">
          The link is incomplete or has been changed, so nothing was turned off. Open the “Stop reply emails” link from the email
          again, copying all of it.
        </p>
        <HomeLink label={goHome} />
      </>
    );
  }
  return (
    <>
      <h1 className="text-3xl font-semibold">Stop reply emails?</h1>
      <p className="mt-4 text-neutral-700">You will no longer get an email when someone replies to one of your comments.</p>
      <form action={unsubscribeAction} className="mt-8">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn-primary">
          Stop reply emails
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
