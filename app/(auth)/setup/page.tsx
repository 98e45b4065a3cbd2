import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { SETUP_REFUSED } from '@/lib/auth/first-admin';
import { PASSWORD_MIN } from '@/lib/auth/password';
import { getSetupState } from '@/lib/dal/first-admin';
import { formFlash } from '@/lib/form-flash';

// The first admin of a new site, through the link `npm start` prints. proxy.ts gives the
// real statuses (404 once an admin can sign in, 403 without the link's token) before any
// render; the page checks again. English, like the admin area it opens.
export const instant = false;

export const metadata: Metadata = { title: 'Set up your site', robots: { index: false, follow: false } };

export default function SetupPage({ searchParams }: PageProps<'/setup'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Set up your site</h1>
      <Setup searchParams={searchParams} />
    </>
  );
}

async function Setup({ searchParams }: { searchParams: PageProps<'/setup'>['searchParams'] }) {
  const { token } = await searchParams;
  const given = typeof token === 'string' ? token : null;
  const state = await getSetupState(given);
  if (state === 'closed') notFound();
  if (state === 'bad-token' || !given) return <p className="form-message">{SETUP_REFUSED}</p>;
  return (
    <div className="space-y-4">
      <p className="text-neutral-700">Create the first admin account. You will be signed in and taken to the admin area.</p>
      <SetupForm token={given} minLength={PASSWORD_MIN} initialState={await formFlash('setup')} />
    </div>
  );
}
