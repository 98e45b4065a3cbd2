import { z } from 'zod';
import { perLanguage } from './localized';
import { storableText } from './storable-text';

// The two forms of a password reset (lib/actions/password-reset.ts), built per language.
// The strength of a new password is checked apart (lib/auth/password.ts), as at sign-up.

/** A reset link's token as it appears in the page's address and the form: 32 random bytes, base64url. */
export const resetTokenSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid token');

export const passwordResetSchemas = perLanguage((v) => ({
  forgot: z.object({
    email: storableText(v.unstorable).trim().toLowerCase().max(254, v.emailTooLong).pipe(z.email(v.emailInvalid)),
  }),
  reset: z.object({
    token: resetTokenSchema,
    password: z.string().max(1000, v.passwordTooLong),
  }),
}));
