import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SettingsForm } from '@/components/admin/settings-form';
import { signInPath } from '@/lib/auth/callback';
import { isAdmin } from '@/lib/auth/permissions';
import { getSiteSettings } from '@/lib/dal/settings';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Settings</h1>
      <Settings />
    </>
  );
}

async function Settings() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath('/admin/settings'));
  if (!isAdmin(viewer)) return <p className="form-message">Only admins change the site settings.</p>;
  const [settings, flash] = await Promise.all([getSiteSettings(), formFlash('settings')]);
  return <SettingsForm settings={settings} initialState={flash} />;
}
