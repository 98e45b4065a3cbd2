import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { callbackFrom } from '@/lib/auth/callback';
import { PASSWORD_MIN } from '@/lib/auth/password';
import { oauthProviderButtons } from '@/lib/auth/providers';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Create an account', robots: { index: false, follow: false } };

export default function SignUpPage({ searchParams }: PageProps<'/signup'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Create an account</h1>
      <SignUpContent searchParams={searchParams} />
    </>
  );
}

async function SignUpContent({ searchParams }: { searchParams: PageProps<'/signup'>['searchParams'] }) {
  const callbackUrl = callbackFrom(await searchParams);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <div className="space-y-4">
      <OAuthButtons providers={oauthProviderButtons()} callbackUrl={callbackUrl} />
      <SignUpForm callbackUrl={callbackUrl} minLength={PASSWORD_MIN} initialState={await formFlash('signup')} />
    </div>
  );
}
