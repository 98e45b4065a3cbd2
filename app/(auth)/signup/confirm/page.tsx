import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmEmailForm } from '@/components/auth/confirm-email-form';
import { checkConfirmationLink, LINK_PROBLEMS } from '@/lib/auth/sign-up';
import { formFlash } from '@/lib/form-flash';

// The page a confirmation email links to. Opening it changes nothing (mail scanners open
// links); the button confirms. A link that does not work says why and how to get a new one.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

// The token must not leave for another site in a Referer header. (Not no-referrer: a form
// posted from such a page says `Origin: null`, which the server refuses as cross-site.)
export const metadata: Metadata = { title: 'Confirm your email', robots: { index: false, follow: false }, referrer: 'same-origin' };

export default async function ConfirmEmailPage({ searchParams }: PageProps<'/signup/confirm'>) {
  const raw = (await searchParams).token;
  const token = typeof raw === 'string' ? raw : '';
  const check = await checkConfirmationLink(token);
  if (!check.ok) {
    const problem = LINK_PROBLEMS[check.problem];
    const signInFirst = check.problem === 'confirmed';
    return (
      <>
        <h1 className="mb-6 text-3xl font-semibold">{problem.title}</h1>
        <p role="alert" className="text-neutral-800">
          {problem.text}
        </p>
        <p className="mt-6 flex gap-4">
          <Link href={signInFirst ? '/signin' : '/signup'} className="btn-primary">
            {signInFirst ? 'Sign in' : 'Sign up again'}
          </Link>
          <Link href={signInFirst ? '/' : '/signin'} className="btn-secondary">
            {signInFirst ? 'Home' : 'Sign in'}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Confirm your email</h1>
      <div className="space-y-4">
        <p className="text-neutral-800">
          Confirm <strong>{check.email}</strong> to finish creating your account as <strong>{check.name}</strong>.
        </p>
        <ConfirmEmailForm token={token} initialState={await formFlash('confirm-email')} />
      </div>
    </>
  );
}
