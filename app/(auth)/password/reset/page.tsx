import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { RichText } from '@/components/ui/rich-text';
import { PASSWORD_MIN } from '@/lib/auth/password';
import { getResetLink } from '@/lib/dal/password-resets';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';
import { resetTokenSchema } from '@/lib/validations/password-reset';

// The page a password (or claim) email links to. Opening it changes nothing (mail scanners
// open links); the form's post uses the link. A link that does not work says why.

// Rendered whole on the server before the first byte: streamed parts need JavaScript to appear.
export const instant = false;

// The token must not leave for another site in a Referer header (same-origin, not
// no-referrer: a form posted from such a page says `Origin: null`, refused as cross-site).
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.passwordResetUi.reset.title, robots: { index: false, follow: false }, referrer: 'same-origin' };
}

export default async function ResetPasswordPage({ searchParams }: PageProps<'/password/reset'>) {
  const parsed = resetTokenSchema.safeParse((await searchParams).token);
  const [link, { t }] = await Promise.all([parsed.success ? getResetLink(parsed.data) : null, getSiteContext()]);
  const ui = t.passwordResetUi;
  if (!parsed.success || !link?.ok) {
    const problem = ui.linkProblems[link && !link.ok ? link.problem : 'invalid'];
    return (
      <>
        <h1 className="mb-6 text-3xl font-semibold">{problem.title}</h1>
        <p role="alert" className="text-neutral-800">
          {problem.text}
        </p>
        <p className="mt-6 flex gap-4">
          <Link href="/password/forgot" className="btn-primary">
            {ui.reset.requestNew}
          </Link>
          <Link href="/signin" className="btn-secondary">
            {ui.reset.signIn}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{link.unclaimed ? ui.reset.claimTitle : ui.reset.title}</h1>
      <div className="space-y-4">
        <p className="text-neutral-800">
          <RichText text={ui.reset.intro} values={{ email: <strong>{link.email}</strong> }} />
        </p>
        <ResetPasswordForm
          token={parsed.data}
          email={link.email}
          minLength={PASSWORD_MIN}
          passwordHint={ui.reset.passwordHint(PASSWORD_MIN)}
          strings={ui.resetForm}
          initialState={await formFlash('reset-password')}
        />
      </div>
    </>
  );
}
