import { z } from 'zod';
import { perLanguage, type ValidationMessages } from './localized';
import { storableText } from './storable-text';

// Shared by the sign-in/sign-up/profile forms and their server actions, built per
// language (./localized.ts): `authSchemas(t.validation).signUp`.

export const DISPLAY_NAME_MAX = 50;
// Letters, marks, numbers, spaces and common punctuation; no control or invisible characters.
const DISPLAY_NAME = /^[\p{L}\p{M}\p{N} .,'’_-]+$/u;

/**
 * A display name. Without `v` (a name inside a signed token, refused as a whole) zod's
 * default messages apply; no reader sees them.
 */
export function displayNameSchema(v?: ValidationMessages) {
  return storableText(v?.unstorable)
    .trim()
    .min(1, v?.nameRequired)
    .max(DISPLAY_NAME_MAX, v?.nameTooLong(DISPLAY_NAME_MAX))
    .regex(DISPLAY_NAME, v?.nameCharacters);
}

export const authSchemas = perLanguage((v) => {
  const email = storableText(v.unstorable).trim().toLowerCase().max(254, v.emailTooLong).pipe(z.email(v.emailInvalid));
  const name = displayNameSchema(v);
  const callbackUrl = z.string().max(2000).optional();
  return {
    signIn: z.object({
      email,
      password: z.string().min(1, v.passwordRequired).max(1000, v.passwordTooLong),
      callbackUrl,
    }),
    signUp: z.object({ name, email, password: z.string().max(1000, v.passwordTooLong), callbackUrl }),
    profile: z.object({ name }),
  };
});

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
