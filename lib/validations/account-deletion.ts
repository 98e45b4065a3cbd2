import { z } from 'zod';
import type { Dictionary } from '@/lib/i18n';

// "Delete my account" (/profile): the box ticked, and the password of a password account or
// the account's email typed again (lib/actions/account-deletion.ts says which applies).

type Messages = Dictionary['accountDeletionMessages'];

export function accountDeletionSchema(m: Messages) {
  return z.object({
    confirm: z.literal('on', { error: m.confirmRequired }),
    password: z.string().max(1000).optional(),
    email: z.string().max(254).optional(),
  });
}
