'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

// An import's progress on its page: "n of total" and a bar. Rendered on the server as it
// was at that moment; with JavaScript it polls the run's small JSON route and, once the run
// ends, reloads the page's server part (which then shows the report or the error).

type Progress = { status: 'queued' | 'running' | 'done' | 'failed'; done: number; total: number };

const POLL_MS = 700;

export function ImportProgress({ id, ...initial }: Progress & { id: string }) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress>(initial);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/admin/import/${id}`, { cache: 'no-store' });
        if (res.ok) {
          const next = (await res.json()) as Progress;
          if (stopped) return;
          setProgress(next);
          if (next.status === 'done' || next.status === 'failed') return router.refresh();
        }
      } catch {
        // A failed poll is tried again: the import goes on without the page.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, router]);
  const { status, done, total } = progress;
  const text = status === 'queued' ? 'Waiting to start…' : total > 0 ? `${done} of ${total}` : 'Reading the file…';
  return (
    <div className="max-w-xl">
      <p role="status" aria-live="polite" className="mb-2 text-sm text-neutral-800" data-testid="import-progress">
        {status === 'done' || status === 'failed' ? 'Finishing…' : text}
      </p>
      <progress className="h-3 w-full" max={Math.max(total, 1)} value={total > 0 ? done : undefined} aria-label="Import progress">
        {text}
      </progress>
    </div>
  );
}
