import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ImportForm } from '@/components/admin/import-form';
import { ImportRunList } from '@/components/admin/import-run-list';
import { signInPath } from '@/lib/auth/callback';
import { isAdmin } from '@/lib/auth/permissions';
import { getRecentImportRuns } from '@/lib/dal/import-runs';
import { getViewer } from '@/lib/dal/users';
import { env } from '@/lib/env';
import { tooLargeMessage } from '@/lib/import/upload-request';
import { IMPORT_REFUSALS, importRefusalSchema } from '@/lib/validations/imports';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Import' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default function ImportPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Import</h1>
      <Import searchParams={searchParams} />
    </>
  );
}

async function Import({ searchParams }: Props) {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath('/admin/import'));
  if (!isAdmin(viewer)) return <p className="form-message">Only admins import.</p>;
  const [runs, query] = await Promise.all([getRecentImportRuns(viewer), searchParams]);
  // The upload route sends a refused form post back here with why (lib/import/upload-request.ts).
  const refusal = importRefusalSchema.safeParse(query.error);
  const message = refusal.success ? (refusal.data === 'too-large' ? tooLargeMessage() : IMPORT_REFUSALS[refusal.data]) : undefined;
  const active = runs?.find((r) => r.status === 'queued' || r.status === 'running');
  return (
    <>
      <p className="mb-4 max-w-prose text-neutral-700">
        Bring posts, comments, categories and authors from another platform: a WordPress export (WXR, .xml), a Ghost export (.json), a Disqus export (.xml), a .zip of a
        Jekyll or Hugo folder (Markdown with front matter), or a Quire archive (restored into an empty site only). Running the same file again creates nothing twice. Up to{' '}
        {env().IMPORT_MAX_MB} MB; larger files with <code>npm run import</code> on the server.
      </p>
      {active && (
        <p role="status" className="mb-4 rounded-md border border-teal-300 bg-teal-50 px-3 py-2 text-sm text-teal-900">
          An import is running: <Link href={`/admin/import/${active.id}`} className="btn-link">{active.fileName}</Link>. One runs at a time.
        </p>
      )}
      <ImportForm message={message} dryRun={query.dryRun === '1'} />
      <ImportRunList runs={runs ?? []} />
    </>
  );
}
