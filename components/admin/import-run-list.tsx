import Link from 'next/link';
import type { RunStatus, RunSummary } from '@/lib/dal/import-runs';

export const STATUS_LABEL: Record<RunStatus, string> = { queued: 'waiting to start', running: 'running', done: 'done', failed: 'failed' };

/** The latest imports on /admin/import, each linking to its progress or report. */
export function ImportRunList({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="import-runs" className="mt-8">
      <h2 id="import-runs" className="mb-2 text-xl font-semibold">
        Latest imports
      </h2>
      <ul className="space-y-1 text-sm">
        {runs.map((r) => (
          <li key={r.id}>
            <Link href={`/admin/import/${r.id}`} className="btn-link">
              {r.fileName}
            </Link>{' '}
            {r.dryRun ? '(dry run) ' : ''}— {STATUS_LABEL[r.status]}, {r.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC
          </li>
        ))}
      </ul>
    </section>
  );
}
