import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { emptyDatabaseClient, isBuildPhase } from './build-database';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

// The one Prisma client. Only lib/dal/* imports it.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
  // While `next build` runs, no query reaches the adapter (lib/build-database.ts).
  // A burst (100 comments at once) waits for one of the pool's 10 connections rather than
  // failing after Prisma's default 2 s; a transaction still ends within 15 s.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return isBuildPhase() ? emptyDatabaseClient(client) : client;
}

// Kept on globalThis in production too: Next bundles this module into several server chunks
// (pages, route handlers, instrumentation), each of which would otherwise build its own
// client and pool — four of them on the production server, ~7.6 MB of heap and up to 10
// connections each (heap snapshot, bench/README.md "memory").
export const db = (globalForPrisma.prisma ??= createClient());
