import { z } from 'zod';
import { formatReport } from './format-report';
import { KINDS, type ImportReport } from './report';
import type { ImportBundle } from './types';

// The report of an import run from /admin/import, as stored in import_runs.report (JSON)
// and shown as HTML: the same facts `npm run import` prints (lib/import/format-report.ts),
// whose text is kept too. Read back through this schema: a row written by another
// version must not break the page.

const counts = z.object(Object.fromEntries(KINDS.map((k) => [k, z.number().int().catch(0)])) as Record<(typeof KINDS)[number], z.ZodCatch<z.ZodNumber>>);

const importRunReport = z.object({
  kind: z.literal('import'),
  dryRun: z.boolean(),
  read: z.array(z.object({ label: z.string(), posts: z.number(), comments: z.number(), categories: z.number(), authors: z.number() })),
  ignored: z.array(z.string()),
  created: counts,
  updated: counts,
  unchanged: counts,
  matched: counts,
  skipped: z.array(z.object({ kind: z.string(), sourceId: z.string(), title: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
  /** What the command prints, for the run's record (--verbose: every skipped record named). */
  text: z.string(),
});

const restoreRunReport = z.object({ kind: z.literal('restore'), text: z.string() });

export const runReportSchema = z.discriminatedUnion('kind', [importRunReport, restoreRunReport]);
export type RunReport = z.infer<typeof runReportSchema>;
export type ImportRunReport = z.infer<typeof importRunReport>;

export function importRunReportOf(bundles: ImportBundle[], report: ImportReport, { dryRun, ignored }: { dryRun: boolean; ignored: string[] }): ImportRunReport {
  return {
    kind: 'import',
    dryRun,
    read: bundles.map((b) => ({ label: b.label, posts: b.posts.length, comments: b.comments.length, categories: b.categories.length, authors: b.authors.length })),
    ignored,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    matched: report.matched,
    skipped: report.skipped,
    notes: report.notes,
    text: formatReport(bundles, report, { dryRun, verbose: true, ignored }),
  };
}

/** The stored report, or null when there is none or it cannot be read. */
export function readRunReport(value: unknown): RunReport | null {
  const parsed = runReportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
