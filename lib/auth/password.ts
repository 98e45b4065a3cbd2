import 'server-only';
import { availableParallelism } from 'node:os';
import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { env } from '@/lib/env';
import type { Dictionary } from '@/lib/i18n';
import { BusyError, createSlots, type Slots } from './work-slots';

export { BusyError };

// Passwords: argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane), a length
// floor and a refusal of the ~49,000 most common passwords (zxcvbn's list).

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
// Argon2id is the package's default algorithm (a const enum, which isolatedModules cannot name).
const OPTIONS: Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail' | 'fewCharacters';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'tooShort';
  if (password.length > PASSWORD_MAX) return 'tooLong';
  common ??= new Set(dictionary['passwords-common']);
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'containsEmail';
  if (new Set(lower).size < 4) return 'fewCharacters';
  return null;
}

/** A password problem as the reader's language says it. */
export function describePasswordProblem(problem: PasswordProblem, m: Dictionary['messages']['password']): string {
  if (problem === 'tooShort') return m.tooShort(PASSWORD_MIN);
  if (problem === 'tooLong') return m.tooLong(PASSWORD_MAX);
  return m[problem];
}

// Every hash and check takes a slot (./work-slots.ts): at most PASSWORD_HASH_CONCURRENCY
// (default: the cores) at once, PASSWORD_HASH_QUEUE waiting at most PASSWORD_HASH_WAIT_MS;
// past that they throw BusyError, which the forms answer as 503 with a wait.
let slots: Slots | undefined;
function passwordSlots(): Slots {
  const e = env();
  slots ??= createSlots({
    concurrency: e.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism()),
    queue: e.PASSWORD_HASH_QUEUE,
    waitMs: e.PASSWORD_HASH_WAIT_MS,
  });
  return slots;
}

/** How busy password hashing is (for tests and logs). */
export function passwordWork() {
  return passwordSlots().stats();
}

/** Hashes a new password; throws BusyError when too many hashes are running and waiting. */
export function hashPassword(password: string): Promise<string> {
  return passwordSlots().run(() => hash(password, OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email, or an account
 * that only signs in with a provider) it verifies against a dummy hash anyway, so the
 * answer takes the same time whether or not the account exists. Throws BusyError like
 * hashPassword.
 */
export async function checkPassword(storedHash: string | null, password: string): Promise<boolean> {
  // Made once, outside the slots (a refusal must not leave a rejected promise behind).
  dummyHash ??= hash('quire-dummy-password-for-equal-timing', OPTIONS);
  const target = storedHash ?? (await dummyHash);
  const ok = await passwordSlots().run(() => verify(target, password).catch(() => false));
  return ok && storedHash !== null;
}
