import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { z } from 'zod';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { LOCALES } from '@/lib/i18n';
import { DELETED_ACCOUNT_COMMENTS, type SettingsForm } from '@/lib/validations/settings';

// Site settings are rows of (key, JSON value); unknown or malformed values fall back to defaults.
const settingsSchema = z.object({
  siteName: z.string().min(1).max(80).catch('Quire'),
  siteDescription: z.string().max(300).catch(''),
  language: z.enum(LOCALES).catch('en'),
  postsPerPage: z.number().int().min(1).max(50).catch(9),
  // Comments: on or off site-wide (off keeps the existing ones readable and takes no new
  // ones), reply nesting (levels, top level included), threads per page, whether a new
  // account's first comment waits for a moderator, and how long a comment stays editable.
  commentsEnabled: z.boolean().catch(true),
  commentMaxDepth: z.number().int().min(1).max(6).catch(3),
  commentsPerPage: z.number().int().min(5).max(200).catch(50),
  holdFirstComments: z.boolean().catch(false),
  commentEditMinutes: z.number().int().min(0).max(1440).catch(15),
  // What deleting an account does to its comments: kept, shown as "Deleted account" (as
  // Remark42 and Disqus do, so the replies around them still make sense), or their text removed.
  deletedAccountComments: z.enum(DELETED_ACCOUNT_COMMENTS).catch('keep'),
});

export type SiteSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: SiteSettings = settingsSchema.parse({});

/** How long after posting a comment its author may still edit it (0: never). */
export function commentEditWindowMs(settings: Pick<SiteSettings, 'commentEditMinutes'>): number {
  return settings.commentEditMinutes * 60_000;
}

export async function getSiteSettings(): Promise<SiteSettings> {
  'use cache';
  cacheTag(TAGS.settings);
  cacheLife('content');
  const rows = await db.setting.findMany({ select: { key: true, value: true } });
  return settingsSchema.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** Saves the settings form (admins only); false when the actor may not. */
export async function saveSiteSettings(actor: Actor | null, values: SettingsForm): Promise<boolean> {
  if (!isAdmin(actor)) return false;
  await db.$transaction(
    Object.entries(values).map(([key, value]) => db.setting.upsert({ where: { key }, create: { key, value }, update: { value }, select: { key: true } })),
  );
  return true;
}
