import 'server-only';
import { db } from '@/lib/db';

/** Resolves when the database answers a trivial query (the health check). */
export async function pingDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
