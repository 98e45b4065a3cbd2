import 'server-only';
import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// Passwords: argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane), a length
// floor and a refusal of the ~49,000 most common passwords (zxcvbn's list).

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
// Argon2id is the package's default algorithm (a const enum, which isolatedModules cannot name).
const OPTIONS: Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  common ??= new Set(dictionary['passwords-common']);
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'This password is one of the most common ones. Choose another.';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'Do not use your email address in your password.';
  if (new Set(lower).size < 4) return 'Use more different characters.';
  return null;
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
