import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

// Storage for lib/form-flash.ts: one row per refused form post without JavaScript, read
// (and deleted) by the page the reader is sent back to. A row lives at most TTL minutes.

const TTL_MINUTES = 10;

export async function saveFormFlash(id: string, payload: Prisma.InputJsonValue): Promise<void> {
  await db.$transaction([
    db.$executeRaw`DELETE FROM form_flashes WHERE created_at < now() - make_interval(mins => ${TTL_MINUTES})`,
    db.formFlash.create({ data: { id, payload } }),
  ]);
}

/** The flash's payload, deleted as it is read: it shows once. */
export async function takeFormFlash(id: string): Promise<unknown> {
  const rows = await db.$queryRaw<{ payload: unknown }[]>`
    DELETE FROM form_flashes WHERE id = ${id} AND created_at >= now() - make_interval(mins => ${TTL_MINUTES}) RETURNING payload`;
  return rows[0]?.payload ?? null;
}
