import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';

// What each job carries. The task checks it again with these schemas when it runs (a job
// row outlives deploys, and a hand-added job could hold anything), and the enqueuers are
// typed by them, so the two sides cannot drift apart.

export const TASKS = {
  replyEmail: 'reply_email',
  accountEmail: 'account_email',
  publishDue: 'publish_due',
  publishSweep: 'publish_sweep',
  viewEventsPurge: 'view_events_purge',
  indexNow: 'indexnow',
  importRun: 'import_run',
} as const;

const locale = z.enum(LOCALES);

export const replyEmailPayload = z.object({ commentId: z.string().min(1).max(40), locale });

export const accountEmailPayload = z.discriminatedUnion('kind', [
  /** A link that confirms the address of the unconfirmed account `userId`. */
  // `hashTag` (lib/jobs/hash-tag.ts) names the sign-up's password hash without storing it: a newer sign-up
  // for the address (a new hash) makes this job send nothing, as it voids this link.
  z.object({ kind: z.literal('confirm'), userId: z.string().min(1).max(40), hashTag: z.string().max(64), name: z.string().max(200), callbackUrl: z.string().max(2000), siteName: z.string().max(200), locale }),
  /** "Somebody tried to sign up with your address": the account exists. */
  z.object({ kind: z.literal('attempt'), email: z.string().max(320), callbackUrl: z.string().max(2000), siteName: z.string().max(200), locale }),
  /** "Forgot your password?" for `email` (lib/auth/password-reset.ts): whether an account gets a link is decided when it runs. */
  z.object({ kind: z.literal('reset'), email: z.string().max(320), requestedAt: z.number().int().nonnegative(), siteName: z.string().max(200), locale }),
]);

export const publishDuePayload = z.object({ postId: z.string().min(1).max(40) }).partial();

/**
 * Paths of the site (e.g. /post/a-slug) whose content changed, for IndexNow. An array: jobs
 * of one key append their arrays while they wait (graphile-worker's batch jobs), so several
 * saves of a post in a row make one request. Paths, not URLs: SITE_URL is read when sent.
 */
export const indexNowPayload = z.array(z.string().regex(/^\/\S*$/, 'a path of this site').max(2048)).min(1).max(1000);

/** An upload of /admin/import (a row of import_runs, its file in import_files). */
export const importRunPayload = z.object({ runId: z.string().min(1).max(40) });

export type ReplyEmailPayload = z.infer<typeof replyEmailPayload>;
export type AccountEmailPayload = z.infer<typeof accountEmailPayload>;

/** The job key of a post's IndexNow ping: one waiting job per post, which later changes join. */
export function indexNowJobKey(postId: string): string {
  return `indexnow:${postId}`;
}

/** The job key of a scheduled post's publish job: one per post, so rescheduling replaces it. */
export function publishJobKey(postId: string): string {
  return `publish:${postId}`;
}
