import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmEmailForm } from '@/components/auth/confirm-email-form';
import { RichText } from '@/components/ui/rich-text';
import { checkConfirmationLink } from '@/lib/auth/sign-up';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';

// The page a confirmation email links to. Opening it changes nothing (mail scanners open
// links); the button confirms. A link that does not work says why and how to get a new one.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

// The token must not leave for another site in a Referer header. (Not no-referrer: a form
// posted from such a page says `Origin: null`, which the server refuses as cross-site.)
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.accountUi.confirm.title, robots: { index: false, follow: false }, referrer: 'same-origin' };
}

export default async function ConfirmEmailPage({ searchParams }: PageProps<'/signup/confirm'>) {
  const raw = (await searchParams).token;
  const token = typeof raw === 'string' ? raw : '';
  const [check, { t }] = await Promise.all([checkConfirmationLink(token), getSiteContext()]);
  const ui = t.accountUi.confirm;
  if (!check.ok) {
    const problem = t.accountUi.linkProblems[check.problem];
    const signInFirst = check.problem === 'confirmed';
    return (
      <>
        <h1 className="mb-6 text-3xl font-semibold">{problem.title}</h1>
        <p role="alert" className="text-neutral-800">
          {problem.text}
        </p>
        <p className="mt-6 flex gap-4">
          <Link href={signInFirst ? '/signin' : '/signup'} className="btn-primary">
            {signInFirst ? ui.signIn : ui.signUpAgain}
          </Link>
          <Link href={signInFirst ? '/' : '/signin'} className="btn-secondary">
            {signInFirst ? ui.home : ui.signIn}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{ui.title}</h1>
      <div className="space-y-4">
        <p className="text-neutral-800">
          <RichText text={ui.intro} values={{ email: <strong>{check.email}</strong>, name: <strong>{check.name}</strong> }} />
        </p>
        <ConfirmEmailForm token={token} strings={t.accountUi.confirmForm} initialState={await formFlash('confirm-email')} />
      </div>
    </>
  );
}
