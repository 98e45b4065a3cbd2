import { z } from 'zod';
import { LOCALES } from '@/lib/i18n';
import { ADMIN_UNSTORABLE, storableText } from './storable-text';

// The settings form (admins): what a site owner may change, with the same bounds the
// reader pages accept (lib/dal/settings.ts falls back to defaults outside them).
// An unticked checkbox is not sent at all.
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/** A whole number typed in a field; an empty field is an error, not 0. */
function wholeNumber(min: [number, string], max: [number, string]) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'A number, please.' }).int('A whole number, please.').min(min[0], min[1]).max(max[0], max[1]),
  );
}

/** What deleting an account does to its comments (lib/dal/account-deletion.ts). */
export const DELETED_ACCOUNT_COMMENTS = ['keep', 'remove'] as const;

export const settingsFormSchema = z.object({
  siteName: storableText(ADMIN_UNSTORABLE).trim().min(1, 'Give the site a name.').max(80, 'Keep the name under 80 characters.'),
  siteDescription: storableText(ADMIN_UNSTORABLE).trim().max(300, 'Keep the description under 300 characters.').default(''),
  language: z.enum(LOCALES, { error: 'Choose English or Spanish.' }),
  postsPerPage: wholeNumber([1, 'At least 1.'], [50, 'At most 50.']),
  commentMaxDepth: wholeNumber([1, 'At least 1.'], [6, 'At most 6.']),
  commentsPerPage: wholeNumber([5, 'At least 5.'], [200, 'At most 200.']),
  commentsEnabled: checkbox,
  holdFirstComments: checkbox,
  commentEditMinutes: wholeNumber([0, 'At least 0 (no editing).'], [1440, 'At most 1440 (a day).']),
  deletedAccountComments: z.enum(DELETED_ACCOUNT_COMMENTS, { error: 'Choose keep or remove.' }).default('keep'),
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;
