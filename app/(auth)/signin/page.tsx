import type { Metadata } from 'next';
import Link from 'next/link';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { FormMessage } from '@/components/ui/form-field';
import { RichText } from '@/components/ui/rich-text';
import { callbackFrom, signInErrorText } from '@/lib/auth/callback';
import { oauthButtonsFor } from '@/lib/auth/providers';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.accountUi.signIn.title, robots: { index: false, follow: false } };
}

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{t.accountUi.signIn.title}</h1>
      <SignInContent searchParams={searchParams} />
    </>
  );
}

async function SignInContent({ searchParams }: { searchParams: PageProps<'/signin'>['searchParams'] }) {
  const [params, { t }] = await Promise.all([searchParams, getSiteContext()]);
  const ui = t.accountUi;
  const callbackUrl = callbackFrom(params);
  const viewer = await getViewer();
  if (viewer) {
    return (
      <div className="space-y-4">
        <p>
          <RichText text={ui.signIn.signedInAs} values={{ name: <strong>{viewer.name}</strong> }} />
        </p>
        <p className="flex gap-4">
          <Link href={callbackUrl} className="btn-primary">
            {ui.signIn.continue}
          </Link>
          <SignOutButton label={ui.signOut} callbackUrl="/signin" className="btn-secondary" />
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <FormMessage message={signInErrorText(params, t.messages.auth.providerErrors)} />
      <OAuthButtons providers={oauthButtonsFor(ui.oauth)} separator={ui.oauth.orEmail} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} strings={ui.signInForm} initialState={await formFlash('signin')} />
    </div>
  );
}
