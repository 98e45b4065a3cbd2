import type { FailedJobs } from '@/lib/dal/jobs';

/** The admin home's line about background jobs that gave up (emails never sent, posts not published). */
export function FailedJobsNotice({ failed }: { failed: FailedJobs }) {
  if (failed.count === 0) return <p className="mb-4 text-sm text-neutral-600">Background jobs: none failed.</p>;
  return (
    <section aria-labelledby="failed-jobs" className="mb-6 rounded-md border border-red-300 bg-red-50 p-4">
      <h2 id="failed-jobs" className="font-semibold text-red-900">
        {failed.count === 1 ? '1 background job failed for good' : `${failed.count} background jobs failed for good`}
      </h2>
      {failed.last && (
        <p className="mt-1 text-sm text-red-900">
          Last: <code>{failed.last.task}</code> at {failed.last.at.toISOString().replace('T', ' ').slice(0, 16)} UTC: {failed.last.error}
        </p>
      )}
      <p className="mt-1 text-sm text-red-900">Each was retried with backoff; see the README, “Background jobs”, to find and retry them.</p>
    </section>
  );
}
