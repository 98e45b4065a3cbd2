import 'server-only';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { archiveEnd, archiveStart, blobOut, rowText, tableStart, ARCHIVE_FORMAT, ARCHIVE_VERSION, type Row } from '@/lib/export/archive';
import { PAGE, TABLES, type TableSpec } from '@/lib/export/tables';

// Reads the whole site for `npm run export` (operators, with database access: no acting user
// to check, as for `npm run import`), a page of rows at a time by keyset, in one
// REPEATABLE READ transaction so the archive is one moment of the site even while it serves.

export type ExportOptions = {
  passwordHashes?: boolean;
  /** Called after each page: the table and the rows written so far from it. */
  onProgress?: (table: string, rows: number) => void;
};

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function pageQuery(spec: TableSpec, omit: readonly string[], after: boolean): string {
  const keys = spec.key.map((k) => `t.${ident(k)}`).join(', ');
  const dropped = omit.map((c) => ` - '${c}'`).join('');
  // A row comparison on the key: the page starts right after the last row of the one before.
  const where = after ? `WHERE (${keys}) > (${spec.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
  return `SELECT to_jsonb(t)${dropped} AS row FROM ${ident(spec.name)} t ${where} ORDER BY ${keys} LIMIT ${spec.page ?? PAGE}`;
}

type Tx = Prisma.TransactionClient;

async function* tableRows(tx: Tx, spec: TableSpec, options: ExportOptions): AsyncGenerator<Row[]> {
  const omit = spec.name === 'users' && options.passwordHashes ? [] : spec.omit;
  let last: Row | null = null;
  for (;;) {
    const params: unknown[] = last ? spec.key.map((k) => last![k]) : [];
    const page: { row: Row }[] = await tx.$queryRawUnsafe<{ row: Row }[]>(pageQuery(spec, omit, last !== null), ...params);
    if (page.length === 0) return;
    const rows: Row[] = page.map((r) => r.row);
    last = rows[rows.length - 1] ?? null;
    yield spec.name === 'media_blobs' ? rows.map(blobOut) : rows;
    if (page.length < (spec.page ?? PAGE)) return;
  }
}

/** Writes the archive through `write` (which may wait, e.g. for a file stream to drain). */
export async function exportSite(write: (chunk: string) => Promise<void> | void, options: ExportOptions = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.$transaction(
    async (tx) => {
      await write(archiveStart({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: new Date().toISOString(), passwordHashes: !!options.passwordHashes }));
      for (const [index, spec] of TABLES.entries()) {
        await write(tableStart(spec.name, index === 0));
        let n = 0;
        for await (const rows of tableRows(tx, spec, options)) {
          let chunk = '';
          for (const row of rows) chunk += rowText(row, n++ === 0);
          await write(chunk);
          options.onProgress?.(spec.name, n);
        }
        counts[spec.name] = n;
      }
      await write(archiveEnd(counts));
    },
    { maxWait: 30_000, timeout: 6 * 60 * 60 * 1000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return counts;
}

/**
 * The site export on /admin: admins only (checked here, whatever the caller checked), never
 * with password hashes. A readable stream of the archive, read from the database as the
 * browser takes it; null for anyone else.
 */
export function exportSiteStream(actor: Actor | null): ReadableStream<Uint8Array> | null {
  if (!isAdmin(actor)) return null;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: 16 }, { highWaterMark: 16 });
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  exportSite(async (chunk) => {
    await writer.ready;
    await writer.write(encoder.encode(chunk));
  }).then(
    () => writer.close(),
    // The download ends early: a restore refuses a cut archive (its counts come last).
    (error: unknown) => writer.abort(error).catch(() => {}),
  );
  return readable;
}
