import { z } from 'zod';

// Shared by the sign-in/sign-up forms and their server actions.

export const DISPLAY_NAME_MAX = 50;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters.`)
  // Letters, marks, numbers, spaces and common punctuation; no control or invisible characters.
  .regex(/^[\p{L}\p{M}\p{N} .,'’_-]+$/u, 'Use letters, numbers, spaces and . , \' _ - only.');

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(1000, 'That password is too long.'),
  callbackUrl: z.string().max(2000).optional(),
});

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: z.string().max(1000, 'That password is too long.'),
  callbackUrl: z.string().max(2000).optional(),
});

export const profileSchema = z.object({ name: displayNameSchema });

/**
 * Where to go after signing in: a path on this site, never another origin
 * (no open redirect through callbackUrl).
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = '/', siteOrigin?: string): string {
  if (raw && siteOrigin && /^https?:\/\//i.test(raw)) {
    try {
      const absolute = new URL(raw);
      if (absolute.origin === siteOrigin) raw = `${absolute.pathname}${absolute.search}${absolute.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  try {
    const base = 'http://quire.invalid';
    const url = new URL(raw, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
