import { z } from 'zod';
import { LOCALES } from '@/lib/i18n';

// The settings form (admins): what a site owner may change, with the same bounds the
// reader pages accept (lib/dal/settings.ts falls back to defaults outside them).
export const settingsFormSchema = z.object({
  siteName: z.string().trim().min(1, 'Give the site a name.').max(80, 'Keep the name under 80 characters.'),
  siteDescription: z.string().trim().max(300, 'Keep the description under 300 characters.').default(''),
  language: z.enum(LOCALES, { error: 'Choose English or Spanish.' }),
  postsPerPage: z.coerce.number({ error: 'A number, please.' }).int('A whole number, please.').min(1, 'At least 1.').max(50, 'At most 50.'),
  commentMaxDepth: z.coerce.number({ error: 'A number, please.' }).int('A whole number, please.').min(1, 'At least 1.').max(6, 'At most 6.'),
  commentsPerPage: z.coerce.number({ error: 'A number, please.' }).int('A whole number, please.').min(5, 'At least 5.').max(200, 'At most 200.'),
  holdFirstComments: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;
