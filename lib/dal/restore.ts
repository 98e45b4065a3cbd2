import 'server-only';
import { db } from '@/lib/db';
import { blobIn, type Archive } from '@/lib/export/archive';
import { PAGE, TABLES } from '@/lib/export/tables';
import { ImportFileError } from '@/lib/import/errors';

// Restores a Quire archive (`npm run import -- <archive>`) into an EMPTY site, in one
// transaction: ids are kept, so addresses, comment threads and redirects survive, and a
// failure anywhere leaves the database as it was. Counters are recomputed from the rows
// they count. For operators with database access, as `npm run import`.

const TRANSACTION = { maxWait: 30_000, timeout: 6 * 60 * 60 * 1000 };

/** What makes a site not empty: the content an archive would collide with. */
const CONTENT = ['users', 'posts', 'comments', 'categories', 'tags', 'media'] as const;

export class SiteNotEmptyError extends Error {}

export type RestoreOptions = { onProgress?: (done: number, total: number) => void };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function restoreArchive(file: string, archive: Archive, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const total = TABLES.reduce((n, t) => n + (archive.tables[t.name]?.length ?? 0), 0);
  let done = 0;
  const counts: Record<string, number> = {};
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('quire:import')::bigint)`;
    const found = await tx.$queryRawUnsafe<{ name: string }[]>(CONTENT.map((t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT 1 FROM ${ident(t)})`).join(' UNION ALL '));
    if (found.length > 0) {
      throw new SiteNotEmptyError(
        `this site is not empty (it has ${found.map((r) => r.name).join(', ')}): a Quire archive is restored only into an empty site. Make one with DATABASE_URL=postgresql://…/<new database> npm run db:migrate (it creates the database), then run this import with that DATABASE_URL, before the site's first start (which would seed it)`,
      );
    }
    for (const spec of TABLES) {
      const rows = archive.tables[spec.name] ?? [];
      const conflict = spec.upsertOn ? ` ON CONFLICT (${ident(spec.upsertOn)}) DO UPDATE SET value = EXCLUDED.value` : '';
      const sql = `INSERT INTO ${ident(spec.name)} SELECT * FROM json_populate_recordset(NULL::${ident(spec.name)}, $1::json)${conflict}`;
      const size = spec.page ?? PAGE;
      for (let i = 0; i < rows.length; i += size) {
        const batch = rows.slice(i, i + size);
        try {
          await tx.$executeRawUnsafe(sql, JSON.stringify(spec.name === 'media_blobs' ? batch.map(blobIn) : batch));
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean).pop();
          throw new ImportFileError(file, `$.tables.${spec.name}[${i}…]`, `cannot be restored: ${message}`);
        }
        done += batch.length;
        options.onProgress?.(done, total);
      }
      counts[spec.name] = rows.length;
    }
    // The likes trigger added every restored like to the restored count: recount all three.
    await tx.$executeRaw`UPDATE posts p SET like_count = coalesce(l.n, 0), comment_count = coalesce(c.n, 0)
      FROM posts q
      LEFT JOIN (SELECT post_id, count(*)::int AS n FROM post_likes GROUP BY post_id) l ON l.post_id = q.id
      LEFT JOIN (SELECT post_id, count(*)::int AS n FROM comments WHERE status = 'VISIBLE' GROUP BY post_id) c ON c.post_id = q.id
      WHERE p.id = q.id AND (p.like_count <> coalesce(l.n, 0) OR p.comment_count <> coalesce(c.n, 0))`;
    await tx.$executeRaw`UPDATE comments c SET like_count = l.n
      FROM (SELECT c2.id, count(cl.comment_id)::int AS n FROM comments c2 LEFT JOIN comment_likes cl ON cl.comment_id = c2.id GROUP BY c2.id) l
      WHERE c.id = l.id AND c.like_count <> l.n`;
  }, TRANSACTION);
  return counts;
}
