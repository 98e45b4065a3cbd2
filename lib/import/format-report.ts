import { KINDS, type Counts, type ImportReport } from './report';
import type { ImportBundle } from './types';

// The import's report as the CLI prints it: what was read, then created, updated,
// unchanged and skipped (grouped by why, a few names each; every one with --verbose).

const line = (label: string, counts: Counts) => {
  const parts = KINDS.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? `${label}: ${parts.join(', ')}` : null;
};

export function formatReport(bundles: ImportBundle[], report: ImportReport, { dryRun, verbose, ignored }: { dryRun: boolean; verbose: boolean; ignored: string[] }): string {
  const out: string[] = [dryRun ? 'Dry run: nothing was written. An import would do this:' : 'Imported.'];
  for (const b of bundles) out.push(`  read ${b.label}: ${b.posts.length} posts, ${b.comments.length} comments, ${b.categories.length} categories, ${b.authors.length} authors`);
  for (const file of ignored) out.push(`  ignored ${file}: not an export`);
  const counts = [
    line('created', report.created),
    line('updated', report.updated),
    line('unchanged (imported before)', report.unchanged),
    line('matched to what this site had (same email or slug)', report.matched),
  ].filter((l): l is string => l !== null);
  out.push(...(counts.length ? counts : ['created: nothing']));
  if (report.skipped.length > 0) {
    out.push(`skipped: ${report.skipped.length}`);
    const groups = new Map<string, string[]>();
    for (const s of report.skipped) {
      const key = `${s.kind}: ${s.reason}`;
      groups.set(key, [...(groups.get(key) ?? []), s.title || s.sourceId]);
    }
    for (const [key, titles] of groups) {
      const shown = verbose ? titles : titles.slice(0, 3);
      const more = titles.length - shown.length;
      out.push(`  ${titles.length} × ${key} (${shown.map((t) => JSON.stringify(t)).join(', ')}${more > 0 ? `, and ${more} more` : ''})`);
    }
  }
  if (report.notes.length > 0) {
    out.push(`notes: ${report.notes.length}`);
    const shown = verbose ? report.notes : report.notes.slice(0, 10);
    out.push(...shown.map((n) => `  ${n}`));
    if (shown.length < report.notes.length) out.push(`  … ${report.notes.length - shown.length} more (--verbose shows all)`);
  }
  return out.join('\n');
}
