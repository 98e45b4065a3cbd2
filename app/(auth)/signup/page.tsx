import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { callbackFrom } from '@/lib/auth/callback';
import { PASSWORD_MIN } from '@/lib/auth/password';
import { oauthButtonsFor } from '@/lib/auth/providers';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.accountUi.signUp.title, robots: { index: false, follow: false } };
}

export default async function SignUpPage({ searchParams }: PageProps<'/signup'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{t.accountUi.signUp.title}</h1>
      <SignUpContent searchParams={searchParams} />
    </>
  );
}

async function SignUpContent({ searchParams }: { searchParams: PageProps<'/signup'>['searchParams'] }) {
  const callbackUrl = callbackFrom(await searchParams);
  if (await getViewer()) redirect(callbackUrl);
  const { accountUi: ui } = (await getSiteContext()).t;
  return (
    <div className="space-y-4">
      <OAuthButtons providers={oauthButtonsFor(ui.oauth)} separator={ui.oauth.orEmail} callbackUrl={callbackUrl} />
      <SignUpForm
        callbackUrl={callbackUrl}
        minLength={PASSWORD_MIN}
        strings={ui.signUpForm}
        passwordHint={ui.signUp.passwordHint(PASSWORD_MIN)}
        initialState={await formFlash('signup')}
      />
    </div>
  );
}
