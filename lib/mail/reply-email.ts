import 'server-only';
import { getDictionary, type Locale } from '@/lib/i18n';
import { escapeHtml as e, htmlPage, SMALL_PRINT } from './html';

// The reply notification (lib/dal/notifications.ts), in the site's language.

export type ReplyEmail = {
  recipientName: string | null;
  /** null: the replier has no display name. */
  replierName: string | null;
  postTitle: string;
  excerpt: string;
  replyUrl: string;
  unsubscribeUrl: string;
};

export function composeReplyEmail(m: ReplyEmail, locale: Locale): { subject: string; text: string; html: string } {
  const { greeting, reply: r } = getDictionary(locale).emails;
  const title = m.postTitle.replace(/\s+/g, ' ').trim();
  const replier = m.replierName ?? r.someone;
  const text = [
    greeting(m.recipientName),
    '',
    r.repliedText(replier, title),
    '',
    `> ${m.excerpt}`,
    '',
    `${r.readReply}: ${m.replyUrl}`,
    '',
    '--',
    `${r.why} ${r.stop}: ${m.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = htmlPage(locale, [
    `<p>${greeting(m.recipientName === null ? null : e(m.recipientName))}</p>`,
    `<p>${r.repliedHtml(`<strong>${e(replier)}</strong>`, e(title))}</p>`,
    `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #d4d4d4;color:#404040">${e(m.excerpt)}</blockquote>`,
    `<p><a href="${e(m.replyUrl)}">${r.readReply}</a></p>`,
    `<p style="margin-top:2em;${SMALL_PRINT}">${e(r.why)} <a href="${e(m.unsubscribeUrl)}">${r.stop}</a></p>`,
  ]);
  return { subject: r.subject(title), text, html };
}
