import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { emailVerificationOn } from '@/lib/auth/email-confirmation';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';

// "Forgot your password?", linked from the sign-in form: also how an account moved here by
// an import (no password yet) gets its first one. Without mail there is no way to prove an
// address, so the page says whom to ask instead.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.passwordResetUi.forgot.title, robots: { index: false, follow: false } };
}

export default async function ForgotPasswordPage() {
  const { t } = await getSiteContext();
  const ui = t.passwordResetUi;
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{ui.forgot.title}</h1>
      <div className="space-y-4">
        {emailVerificationOn() ? (
          <>
            <p className="text-neutral-800">{ui.forgot.intro}</p>
            <p className="text-sm text-neutral-700">{ui.forgot.claimHint}</p>
            <ForgotPasswordForm strings={ui.forgotForm} initialState={await formFlash('forgot-password')} />
          </>
        ) : (
          <p className="text-neutral-800">{ui.forgot.noMail}</p>
        )}
        <p className="text-sm">
          <Link href="/signin" className="btn-link">
            {ui.forgot.backToSignIn}
          </Link>
        </p>
      </div>
    </>
  );
}
