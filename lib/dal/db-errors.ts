import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';

// Errors that mean the database failed a request (a statement refused, a connection lost
// or never made), as opposed to a bug in our code. A transaction that throws one of them
// was rolled back whole, so an action may tell the user "nothing was changed".
export function isDatabaseError(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError ||
    error instanceof Prisma.PrismaClientUnknownRequestError ||
    error instanceof Prisma.PrismaClientInitializationError
  );
}
