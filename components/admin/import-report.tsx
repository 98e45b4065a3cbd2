import { KINDS, type Counts } from '@/lib/import/report';
import type { ImportRunReport, RunReport } from '@/lib/import/run-report';

// An import's report as HTML: the facts `npm run import` prints (lib/import/format-report.ts),
// as a definition list of counts, the skipped records grouped by why, and the notes.

function countsText(counts: Counts): string | null {
  const parts = KINDS.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(', ') : null;
}

export function ImportReportView({ report }: { report: RunReport }) {
  if (report.kind === 'restore') {
    return (
      <p role="status" className="max-w-prose">
        {report.text}
      </p>
    );
  }
  return <ImportReportBody report={report} />;
}

function ImportReportBody({ report }: { report: ImportRunReport }) {
  const rows = [
    ['Created', countsText(report.created)],
    ['Updated', countsText(report.updated)],
    ['Unchanged (imported before)', countsText(report.unchanged)],
    ['Matched to what this site had (same email or slug)', countsText(report.matched)],
  ].filter((r): r is [string, string] => r[1] !== null);
  const groups = new Map<string, string[]>();
  for (const s of report.skipped) {
    const key = `${s.kind}: ${s.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), s.title || s.sourceId]);
  }
  return (
    <section aria-labelledby="import-report" className="max-w-3xl space-y-4" data-testid="import-report">
      <h2 id="import-report" className="text-xl font-semibold">
        {report.dryRun ? 'Dry run: nothing was written. An import would do this:' : 'Imported.'}
      </h2>
      <ul className="list-disc pl-6 text-sm text-neutral-700">
        {report.read.map((b, i) => (
          <li key={i}>
            Read {b.label}: {b.posts} posts, {b.comments} comments, {b.categories} categories, {b.authors} authors
          </li>
        ))}
        {report.ignored.map((file) => (
          <li key={file}>Ignored {file}: not an export</li>
        ))}
      </ul>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.length === 0 && (
          <>
            <dt className="font-medium">Created</dt>
            <dd>nothing</dd>
          </>
        )}
        {rows.map(([label, text]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      {groups.size > 0 && (
        <section aria-labelledby="import-skipped">
          <h3 id="import-skipped" className="font-semibold">
            Skipped: {report.skipped.length}
          </h3>
          <ul className="list-disc pl-6 text-sm">
            {[...groups].map(([why, titles]) => (
              <li key={why}>
                {titles.length} × {why}
                <details>
                  <summary className="cursor-pointer text-neutral-700">Which</summary>
                  <ul className="list-[circle] pl-6">
                    {titles.map((t, i) => (
                      <li key={i}>{t}</li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.notes.length > 0 && (
        <section aria-labelledby="import-notes">
          <h3 id="import-notes" className="font-semibold">
            Notes: {report.notes.length}
          </h3>
          <ul className="list-disc pl-6 text-sm">
            {report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
