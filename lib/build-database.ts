import 'server-only';
import type { PrismaClient } from './generated/prisma/client';

// Build once, run anywhere: `next build` needs no database, and nothing read from one is
// baked into its output. While Next builds (NEXT_PHASE), the client answers every read
// as an empty database would (no rows, counts of 0) without connecting, and refuses
// writes. Pages prerendered from that are the empty site's; the production server expires
// them all before it serves (server/expire-build.mjs), so readers only ever see pages
// rendered from the runtime database with the runtime SITE_URL.

export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

const EMPTY: Record<string, (args: { select?: unknown }) => unknown> = {
  findMany: () => [],
  groupBy: () => [],
  findFirst: () => null,
  findUnique: () => null,
  // count with a select answers per field: { _all: 0, field: 0 }.
  count: ({ select }) => (select && typeof select === 'object' ? Object.fromEntries(Object.keys(select).map((k) => [k, 0])) : 0),
  aggregate: () => ({ _count: { _all: 0 }, _sum: {}, _avg: {}, _min: {}, _max: {} }),
  $queryRaw: () => [],
  $queryRawUnsafe: () => [],
};

class NoDatabaseDuringBuild extends Error {
  constructor(operation: string) {
    super(`${operation}: there is no database during next build (build once, run anywhere: lib/build-database.ts)`);
  }
}

/** The client `next build` gets: empty answers for reads, an error for anything else. */
export function emptyDatabaseClient(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    query: {
      async $allOperations({ model, operation, args }) {
        const answer = EMPTY[operation];
        if (!answer) throw new NoDatabaseDuringBuild(model ? `${model}.${operation}` : operation);
        return answer((args ?? {}) as { select?: unknown });
      },
    },
  });
  return extended as unknown as PrismaClient;
}
