import type { Metadata } from 'next';
import Link from 'next/link';
import { formFlash } from '@/lib/form-flash';

// Where every sign-up with email verification lands, whether or not the address already
// had an account: the email says which. The address comes in a one-time flash (not the
// URL), so a reload shows the same page without it.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Check your email', robots: { index: false, follow: false } };

export default async function CheckEmailPage() {
  const email = (await formFlash('signup-sent'))?.values?.email;
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Check your email</h1>
      <div className="space-y-4 text-neutral-800">
        <p role="status">
          {email ? (
            <>
              We sent a link to <strong>{email}</strong>.
            </>
          ) : (
            'We sent a link to the email address you entered.'
          )}{' '}
          Open it within 24 hours to confirm your address and finish creating your account.
        </p>
        <p className="text-sm text-neutral-700">
          If this address already has an account, the email says how to sign in. Nothing there? Check your spam folder, or{' '}
          <Link href="/signup" className="btn-link">
            sign up again
          </Link>
          .
        </p>
      </div>
    </>
  );
}
