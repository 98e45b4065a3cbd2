import type { Metadata } from 'next';
import Link from 'next/link';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { FormMessage } from '@/components/ui/form-field';
import { callbackFrom, signInErrorText } from '@/lib/auth/callback';
import { oauthProviderButtons } from '@/lib/auth/providers';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Sign in', robots: { index: false, follow: false } };

export default function SignInPage({ searchParams }: PageProps<'/signin'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Sign in</h1>
      <SignInContent searchParams={searchParams} />
    </>
  );
}

async function SignInContent({ searchParams }: { searchParams: PageProps<'/signin'>['searchParams'] }) {
  const params = await searchParams;
  const callbackUrl = callbackFrom(params);
  const viewer = await getViewer();
  if (viewer) {
    return (
      <div className="space-y-4">
        <p>
          You are signed in as <strong>{viewer.name}</strong>.
        </p>
        <p className="flex gap-4">
          <Link href={callbackUrl} className="btn-primary">
            Continue
          </Link>
          <SignOutButton callbackUrl="/signin" className="btn-secondary" />
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <FormMessage message={signInErrorText(params)} />
      <OAuthButtons providers={oauthProviderButtons()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} initialState={await formFlash('signin')} />
    </div>
  );
}
