import { connection } from 'next/server';
import { pingDatabase } from '@/lib/dal/health';
import { createHealth } from '@/lib/health.mjs';

// The health check through Next, for `npm run dev`. The production server answers
// /api/health before Next (server/server.mjs), where it also turns 503 while stopping.
const health = createHealth({ checks: { database: pingDatabase }, stopping: () => false });

export async function GET(): Promise<Response> {
  await connection();
  const { status, body } = await health.report();
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
