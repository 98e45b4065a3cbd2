import 'server-only';
import { claimThrottleSlot, getReplyFacts, releaseThrottleSlot, threadRootId } from '@/lib/dal/notifications';
import { siteUrl } from '@/lib/site-url';
import type { Locale } from '@/lib/i18n';
import { composeReplyEmail } from '@/lib/mail/reply-email';
import { deliverMail, mailTransport } from '@/lib/mail/transport';
import { oneClickUnsubscribeUrl, unsubscribeUrl } from '@/lib/mail/unsubscribe';

// Reply notifications by email (moved out of the data layer, which only reads the facts
// and keeps the throttle): the author of a comment hears about replies to it, at most once
// per thread per hour. The reply_email job (lib/jobs/tasks.ts) calls sendReplyEmail, which
// throws when the mail did not go out so the job is retried.

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

async function notify(replyId: string, locale: Locale): Promise<'sent' | 'skipped'> {
  const reply = await getReplyFacts(replyId);
  const parent = reply?.parent;
  const recipient = parent?.author;
  if (!reply || reply.status !== 'VISIBLE' || reply.post.deleted || !parent || !recipient) return 'skipped';
  // A comment its author deleted is not one they want to hear about.
  if (parent.status === 'DELETED') return 'skipped';
  if (recipient.id === reply.authorId || !recipient.email || !recipient.notifyReplies || recipient.banned) return 'skipped';

  const threadId = parent.parentId === null ? parent.id : await threadRootId(parent.id);
  if (!(await claimThrottleSlot(recipient.id, threadId))) return 'skipped';

  const email = composeReplyEmail(
    {
      recipientName: recipient.name,
      replierName: reply.authorName,
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
    await releaseThrottleSlot(recipient.id, threadId);
    throw error;
  }
  return 'sent';
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
