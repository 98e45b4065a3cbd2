import 'server-only';
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '@/lib/env';

// Write limits (and the read API's), counted in PostgreSQL (table rate_limits) so they hold across every
// server process. Each rule is points per window; RATE_LIMIT_MULTIPLIER (default 1)
// scales the points, for the bench only.

const RULES = {
  commentUserBurst: { points: 1, duration: 10 },
  commentUserHour: { points: 30, duration: 3600 },
  commentIpBurst: { points: 1, duration: 10 },
  commentIpHour: { points: 30, duration: 3600 },
  likeUser: { points: 60, duration: 60 },
  reportUser: { points: 20, duration: 3600 },
  signInFailAccount: { points: 5, duration: 15 * 60 },
  signInFailIp: { points: 20, duration: 15 * 60 },
  signUpIp: { points: 10, duration: 3600 },
  // First-admin setup (/setup), the same budget as sign-up.
  setupIp: { points: 10, duration: 3600 },
  // Sign-up emails and "send a new link" per address, so nobody can flood a mailbox.
  accountMail: { points: 5, duration: 3600 },
  // "Forgot your password?" requests, and new passwords set through its links (each costs an
  // argon2 hash), per network; per address, the requests share accountMail.
  passwordResetIp: { points: 20, duration: 3600 },
  passwordSetIp: { points: 30, duration: 3600 },
  profileUser: { points: 20, duration: 3600 },
  // "Download my data" (each reads everything the reader wrote) and "Delete my account"
  // attempts (each may check a password).
  myDataUser: { points: 10, duration: 3600 },
  accountDeleteUser: { points: 10, duration: 3600 },
  // The whole-site export on /admin: each reads every table.
  siteExportUser: { points: 5, duration: 3600 },
  // Uploads to /admin/import (each may be hundreds of MB, stored, then parsed by a job).
  importUser: { points: 10, duration: 3600 },
  // Image uploads (attempts, refused ones included: each costs a decode).
  mediaUploadUser: { points: 30, duration: 600 },
  // The public read API (/api/v1), per address: generous, as the pages it mirrors are
  // cached; it stops a scraper looping on it, not a reader. Once an address has spent its
  // budget, each process refuses it from memory until the window ends, so a flood past
  // the limit costs no database write.
  apiReadIp: { points: 300, duration: 60, blockInMemory: true },
  // Content-Security-Policy violation reports (/api/csp-report), per address: a page with a
  // problem reports each blocked script; past the budget they are dropped, unlogged, from memory.
  cspReportIp: { points: 60, duration: 60, blockInMemory: true },
} as const satisfies Record<string, { points: number; duration: number; blockInMemory?: boolean }>;

export type RateRule = keyof typeof RULES;

type Globals = { quireRatePool?: pg.Pool; quireLimiters?: Map<RateRule, RateLimiterPostgres> };
const globals = globalThis as unknown as Globals;

type LimiterQuery = { name?: string; text: string; values?: unknown[] };

// rate-limiter-flexible names its prepared statements ("rate_limits:rlflx-upsert"). Behind
// PgBouncer in transaction mode (several instances, README "Running several instances")
// each query may land on another server connection, where that name was never prepared
// (or already is): "prepared statement … does not exist". Dropping the name makes
// node-postgres send an unnamed statement, parsed and run in one round trip.
function unnamedStatements(pool: pg.Pool) {
  return { query: (q: LimiterQuery) => pool.query({ text: q.text, values: q.values }) };
}

function limiter(rule: RateRule): RateLimiterPostgres {
  globals.quireRatePool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 3 });
  globals.quireLimiters ??= new Map();
  let found = globals.quireLimiters.get(rule);
  if (!found) {
    const { points: base, duration } = RULES[rule];
    const points = Math.floor(base * env().RATE_LIMIT_MULTIPLIER);
    found = new RateLimiterPostgres({
      storeClient: unnamedStatements(globals.quireRatePool),
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: rule,
      points,
      duration,
      // Without inMemoryBlockDuration the block lasts until the key's window ends.
      ...('blockInMemory' in RULES[rule] ? { inMemoryBlockOnConsumed: points } : {}),
    });
    globals.quireLimiters.set(rule, found);
  }
  return found;
}

// Route handlers and pages are separate server bundles, each with its own copy of
// rate-limiter-flexible, while the limiters above are shared through globalThis: a refusal
// may be another copy's RateLimiterRes, so it is recognised by shape, not by class.
function isRefusal(error: unknown): error is RateLimiterRes {
  if (error instanceof RateLimiterRes) return true;
  const e = error as Partial<RateLimiterRes> | null;
  return typeof e === 'object' && e !== null && typeof e.msBeforeNext === 'number' && typeof e.remainingPoints === 'number';
}

export type LimitResult = { ok: true } | { ok: false; retryAfterS: number };

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Takes one point from each rule's budget for its key; refused if any is spent. */
export async function consume(...checks: [RateRule, string][]): Promise<LimitResult> {
  // One round trip's time for all rules: each is a single upsert on its own row.
  const waits = await Promise.all(
    checks.map(([rule, key]) =>
      limiter(rule)
        .consume(key)
        .then(
          () => 0,
          (error: unknown) => {
            if (!isRefusal(error)) throw error;
            return retryAfter(error);
          },
        ),
    ),
  );
  const worst = Math.max(0, ...waits);
  return worst > 0 ? { ok: false, retryAfterS: worst } : { ok: true };
}

/** Whether any rule's budget for its key is already spent, without taking a point. */
export async function isBlocked(...checks: [RateRule, string][]): Promise<LimitResult> {
  let worst = 0;
  for (const [rule, key] of checks) {
    const l = limiter(rule);
    const res = await l.get(key);
    if (res && res.consumedPoints >= l.points) worst = Math.max(worst, retryAfter(res));
  }
  return worst > 0 ? { ok: false, retryAfterS: worst } : { ok: true };
}

/** Forgets a key's count (a successful sign-in clears its failures). */
export async function reset(rule: RateRule, key: string): Promise<void> {
  await limiter(rule).delete(key);
}
