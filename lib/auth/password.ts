import 'server-only';
import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Dictionary } from '@/lib/i18n';

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

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email, or an account
 * that only signs in with a provider) it verifies against a dummy hash anyway, so the
 * answer takes the same time whether or not the account exists.
 */
export async function checkPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('quire-dummy-password-for-equal-timing');
  const target = storedHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && storedHash !== null;
}
