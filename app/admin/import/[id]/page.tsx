import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ImportProgress } from '@/components/admin/import-progress';
import { ImportReportView } from '@/components/admin/import-report';
import { signInPath } from '@/lib/auth/callback';
import { isAdmin } from '@/lib/auth/permissions';
import { getImportRun } from '@/lib/dal/import-runs';
import { getViewer } from '@/lib/dal/users';
import { isId } from '@/lib/validations/ids.mjs';

// One import run: its progress while it runs (updated by a script, or by reloading the
// page every few seconds without one), then its report or its error.
export const instant = false;

export const metadata: Metadata = { title: 'Import' };

type Props = { params: Promise<{ id: string }> };

export default function ImportRunPage({ params }: Props) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Import</h1>
      <Run params={params} />
      <p className="mt-8">
        <Link href="/admin/import" className="btn-link">
          Import another file
        </Link>
      </p>
    </>
  );
}

async function Run({ params }: Props) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/import/${encodeURIComponent(id)}`));
  if (!isAdmin(viewer)) return <p className="form-message">Only admins import.</p>;
  const run = isId(id) ? await getImportRun(viewer, id) : null;
  if (!run) notFound();
  const heading = (
    <p className="mb-4 text-neutral-700">
      <strong>{run.fileName}</strong>
      {run.dryRun ? ' (dry run)' : ''}, uploaded {run.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC
    </p>
  );
  if (run.status === 'queued' || run.status === 'running') {
    return (
      <>
        {heading}
        {/* Without JavaScript the page reloads itself while the import runs. */}
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
        <ImportProgress id={run.id} status={run.status} done={run.done} total={run.total} />
      </>
    );
  }
  if (run.status === 'failed') {
    return (
      <>
        {heading}
        <div role="alert" className="form-message max-w-prose">
          <p className="font-semibold">The import failed; nothing was written.</p>
          <p className="mt-1 break-words font-mono">{run.error}</p>
        </div>
      </>
    );
  }
  return (
    <>
      {heading}
      {run.report ? <ImportReportView report={run.report} /> : <p>Done.</p>}
    </>
  );
}
