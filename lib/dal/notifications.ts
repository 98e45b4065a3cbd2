import 'server-only';
import { db } from '@/lib/db';
import { siteUrl } from '@/lib/site-url';
import type { Locale } from '@/lib/i18n';
import { composeReplyEmail } from '@/lib/mail/reply-email';
import { deliverMail, mailTransport } from '@/lib/mail/transport';
import { oneClickUnsubscribeUrl, unsubscribeUrl } from '@/lib/mail/unsubscribe';

// Reply notifications by email: the author of a comment hears about replies to it, at
// most once per thread per hour. The reply_email job (lib/jobs/tasks.ts) calls
// sendReplyEmail, which throws when the mail did not go out so the job is retried.

export type NotifyReplyResult = 'sent' | 'skipped' | 'off' | 'failed';

const EXCERPT_MAX_CHARS = 300;

/** Emails the author of the comment `replyId` answers, unless they would not want it; throws when sending failed. */
export async function sendReplyEmail(replyId: string, locale: Locale): Promise<Exclude<NotifyReplyResult, 'failed'>> {
  if (!mailTransport()) return 'off';
  return notify(replyId, locale);
}

/** The same, never throwing: the result says what happened (a failure is logged). */
export async function notifyReply(replyId: string, locale: Locale): Promise<NotifyReplyResult> {
  try {
    return await sendReplyEmail(replyId, locale);
  } catch (error) {
    // One log line: Prisma's messages quote the call site first and name the cause last.
    const cause = (error instanceof Error ? error.message : String(error)).trim().split('\n').at(-1)?.trim();
    console.error(`notifications: reply ${replyId} not notified: ${cause}`);
    return 'failed';
  }
}

/** Turns reply emails off. The caller has verified an unsubscribe token for this user. */
export async function unsubscribeReplies(userId: string): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { notifyReplies: false } });
  return count > 0;
}

async function notify(replyId: string, locale: Locale): Promise<'sent' | 'skipped'> {
  const reply = await db.comment.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      body: true,
      status: true,
      authorId: true,
      author: { select: { name: true } },
      post: { select: { slug: true, title: true, deletedAt: true } },
      parent: {
        select: {
          id: true,
          parentId: true,
          status: true,
          author: { select: { id: true, email: true, name: true, notifyReplies: true, bannedAt: true } },
        },
      },
    },
  });
  const parent = reply?.parent;
  const recipient = parent?.author;
  if (!reply || reply.status !== 'VISIBLE' || reply.post.deletedAt || !parent || !recipient) return 'skipped';
  // A comment its author deleted is not one they want to hear about.
  if (parent.status === 'DELETED') return 'skipped';
  if (recipient.id === reply.authorId || !recipient.email || !recipient.notifyReplies || recipient.bannedAt) return 'skipped';

  const threadId = parent.parentId === null ? parent.id : await threadRootId(parent.id);
  if (!(await claimThrottleSlot(recipient.id, threadId))) return 'skipped';

  const email = composeReplyEmail(
    {
      recipientName: recipient.name,
      replierName: reply.author.name,
      postTitle: reply.post.title,
      excerpt: plainExcerpt(reply.body),
      replyUrl: siteUrl(`/post/${encodeURIComponent(reply.post.slug)}#comment-${encodeURIComponent(reply.id)}`),
      unsubscribeUrl: unsubscribeUrl(recipient.id),
    },
    locale,
  );
  try {
    await deliverMail({
      to: { name: recipient.name ?? '', address: recipient.email },
      ...email,
      headers: {
        'List-Unsubscribe': `<${oneClickUnsubscribeUrl(recipient.id)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    });
  } catch (error) {
    // Nothing reached the reader: give the slot back so the retry (or the next reply) may send.
    await db.$executeRaw`DELETE FROM reply_notifications WHERE user_id = ${recipient.id} AND thread_id = ${threadId}`;
    throw error;
  }
  return 'sent';
}

/** The top-level comment of the thread `commentId` belongs to. */
async function threadRootId(commentId: string): Promise<string> {
  // The hop limit only guards against a corrupt parent chain; real threads are shallow.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up (id, parent_id, hops) AS (
      SELECT id, parent_id, 0 FROM comments WHERE id = ${commentId}
      UNION ALL
      SELECT c.id, c.parent_id, up.hops + 1 FROM comments c JOIN up ON c.id = up.parent_id WHERE up.hops < 100
    )
    SELECT id FROM up ORDER BY hops DESC LIMIT 1`;
  return rows[0]?.id ?? commentId;
}

/**
 * Records an email to `userId` about `threadId` unless one went out in the last hour.
 * One statement, so of two concurrent replies exactly one gets the slot.
 */
async function claimThrottleSlot(userId: string, threadId: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO reply_notifications (user_id, thread_id, sent_at) VALUES (${userId}, ${threadId}, now())
    ON CONFLICT (user_id, thread_id) DO UPDATE SET sent_at = now()
      WHERE reply_notifications.sent_at < now() - interval '1 hour'
    RETURNING 1`;
  return rows.length > 0;
}

/** Markdown made into one line of plain text, roughly, cut at a word near `max` characters. */
export function plainExcerpt(markdown: string, max = EXCERPT_MAX_CHARS): string {
  const text = markdown
    .replace(/^[ \t]*(```|~~~).*$/gm, ' ') // code fence lines
    .replace(/<[^>]*>/g, ' ') // inline HTML
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/^[ \t]*\[[^\]]+\]:.*$/gm, ' ') // link definitions
    .replace(/^[ \t]{0,3}(?:>[ \t]?)+/gm, '') // block quotes
    .replace(/^[ \t]*(?:#{1,6}|[-*+]|\d{1,9}[.)])[ \t]+/gm, '') // headings, list items
    .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, ' ') // horizontal rules
    .replace(/[*`~]+/g, '') // emphasis, code, strike-through
    .replace(/(^|[\s(])_+|_+(?=[\s).,!?:;]|$)/g, '$1') // _emphasis_, not snake_case
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text); // by code point, so an emoji is never cut in half
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
