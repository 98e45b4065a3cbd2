import { z } from 'zod';
import { getDictionary } from '@/lib/i18n';
import { authSchemas } from './auth';

// The first-admin form (/setup): sign-up's fields and rules, plus the setup link's token.
// English, like the admin area it opens. A missing or odd token is an empty one: refused
// as a wrong link (lib/dal/first-admin.ts), not as a field to correct.
export const setupSchema = authSchemas(getDictionary('en').validation)
  .signUp.omit({ callbackUrl: true })
  .extend({ token: z.string().max(200).catch('') });
