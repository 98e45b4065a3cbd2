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
  const client = new PrismaClient({ adapter });
  return isBuildPhase() ? emptyDatabaseClient(client) : client;
}

export const db = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = db;
