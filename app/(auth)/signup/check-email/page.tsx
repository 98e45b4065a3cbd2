import type { Metadata } from 'next';
import Link from 'next/link';
import { RichText } from '@/components/ui/rich-text';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';

// Where every sign-up with email verification lands, whether or not the address already
// had an account: the email says which. The address comes in a one-time flash (not the
// URL), so a reload shows the same page without it.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.accountUi.checkEmail.title, robots: { index: false, follow: false } };
}

export default async function CheckEmailPage() {
  const [flash, { t }] = await Promise.all([formFlash('signup-sent'), getSiteContext()]);
  const email = flash?.values?.email;
  const ui = t.accountUi.checkEmail;
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{ui.title}</h1>
      <div className="space-y-4 text-neutral-800">
        <p role="status">
          {email ? <RichText text={ui.sentTo} values={{ email: <strong>{email}</strong> }} /> : ui.sentToEntered} {ui.openWithin}
        </p>
        <p className="text-sm text-neutral-700">
          <RichText
            text={ui.alreadyHint}
            values={{
              signUpAgain: (
                <Link href="/signup" className="btn-link">
                  {ui.signUpAgain}
                </Link>
              ),
            }}
          />
        </p>
      </div>
    </>
  );
}
