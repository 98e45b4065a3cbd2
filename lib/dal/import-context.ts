import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ImportReport } from '@/lib/import/report';

// State one import run carries through its transaction: what earlier runs imported from this
// source (import_sources, read once), the report, and progress.

export type Tx = Prisma.TransactionClient;
export type Known = { targetId: string; hash: string };

export type ImportContext = {
  tx: Tx;
  source: string;
  known: Map<string, Known>;
  report: ImportReport;
  tags: Set<string>;
  /** People already resolved in this run (kind:sourceId → user id): a commenter of 50 comments counts once. */
  people: Map<string, string>;
  /** import_sources rows not written yet: written in batches by flushRemembered. */
  pending: { kind: string; sourceId: string; targetId: string; hash: string }[];
  /** Reply levels of the site (settings.commentMaxDepth): deeper replies join the deepest level, as new ones do. */
  maxDepth: number;
  tick: () => void;
  now: Date;
};

const key = (kind: string, sourceId: string) => `${kind}:${sourceId}`;

export async function loadKnown(tx: Tx, source: string): Promise<Map<string, Known>> {
  const rows = await tx.importSource.findMany({ where: { source }, select: { kind: true, sourceId: true, targetId: true, hash: true } });
  return new Map(rows.map((r) => [key(r.kind, r.sourceId), { targetId: r.targetId, hash: r.hash }]));
}

export function known(ctx: ImportContext, kind: string, sourceId: string): Known | undefined {
  return ctx.known.get(key(kind, sourceId));
}

/**
 * Records that `sourceId` of this source is now `targetId`, so the next run finds it: at
 * once in memory, in the table with the next batch (the same transaction either way).
 */
export async function remember(ctx: ImportContext, kind: string, sourceId: string, targetId: string, hash = ''): Promise<void> {
  ctx.known.set(key(kind, sourceId), { targetId, hash });
  ctx.pending.push({ kind, sourceId, targetId, hash });
  if (ctx.pending.length >= BATCH) await flushRemembered(ctx);
}

const BATCH = 2_000;

export async function flushRemembered(ctx: ImportContext): Promise<void> {
  const rows = ctx.pending.splice(0);
  if (rows.length === 0) return;
  await ctx.tx.$executeRaw`
    INSERT INTO import_sources (source, kind, source_id, target_id, hash)
    SELECT ${ctx.source}, * FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.sourceId)}::text[], ${rows.map((r) => r.targetId)}::text[], ${rows.map((r) => r.hash)}::text[])
    ON CONFLICT (source, kind, source_id) DO UPDATE SET target_id = EXCLUDED.target_id, hash = EXCLUDED.hash, updated_at = now()`;
}

/** An id of the shape Prisma's cuid() gives (lowercase letters and digits), for rows inserted in batches. */
export function newId(): string {
  return `c${randomBytes(12).toString('hex')}`;
}
