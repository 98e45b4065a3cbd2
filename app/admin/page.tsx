import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { allowedSections } from '@/lib/auth/admin-access';
import { signInPath } from '@/lib/auth/callback';
import { canUseAdmin, isAdmin } from '@/lib/auth/permissions';
import { FailedJobsNotice } from '@/components/admin/failed-jobs';
import { SiteExport } from '@/components/admin/site-export';
import { getFailedJobs } from '@/lib/dal/jobs';
import { getViewer } from '@/lib/dal/users';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Admin' };

export default function AdminHome() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Admin</h1>
      <Sections />
    </>
  );
}

async function Sections() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath('/admin'));
  if (!canUseAdmin(viewer)) return <p className="form-message">The admin area is for staff. You are signed in as {viewer.name}.</p>;
  const sections = allowedSections(viewer);
  // Admins only: the DAL answers null for any other role.
  const [failed, { t }] = await Promise.all([getFailedJobs(viewer), getSiteContext()]);
  return (
    <>
      {failed && <FailedJobsNotice failed={failed} />}
      <p className="mb-4 text-neutral-700">
        Signed in as <strong>{viewer.name}</strong> ({viewer.role.toLowerCase()}).
      </p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block rounded-md border border-neutral-200 bg-white p-4 font-medium hover:border-neutral-400">
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
      {isAdmin(viewer) && <SiteExport strings={t.siteExportUi} />}
    </>
  );
}
