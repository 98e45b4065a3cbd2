import 'server-only';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { ThreadComment } from '@/lib/dal/comments';
import type { Flash } from '@/lib/form-flash';
import { formatDate, type Dictionary, type Locale } from '@/lib/i18n';
import { initials } from '@/lib/initials';
import { commentFormKey } from '@/lib/validations/comment-forms';

// A comment thread as an HTML string: what every reader of a page of comments sees alike,
// built once per post, sort and page (lib/comments/thread-page.ts caches it) instead of
// rendered as React elements on every signed-in request (bench/README.md, "Signed-in
// pages"). Each comment's row of controls is a marker (`<!--a:<id>-->`) that a request
// replaces with that reader's controls (`actionsHtml`): plain HTML only, links and
// buttons of the section's one like form (`form="comment-like"`), so the thread needs no
// React to work with or without JavaScript. hast-util-to-html escapes every text and
// attribute; comment bodies are already sanitized HTML (lib/comments/markdown.ts).

type Strings = Dictionary['commentUi'];

export const LIKE_FORM_ID = 'comment-like';
const MARKER = /<!--a:([a-z0-9]+)-->/g;
/** The Reply and Report links look like the <summary> of the forms they open. */
export const OPENER = 'c-open cursor-pointer text-sm text-neutral-700 hover:text-neutral-900';

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;
const html = (node: Element | ElementContent[]) => toHtml((Array.isArray(node) ? { type: 'root', children: node } : node) as Root | Element, { allowDangerousHtml: true });

/** The author's picture or initials, as components/ui/avatar.tsx draws them at 32 px. */
function avatar(c: ThreadComment): Element {
  if (c.state === 'REMOVED') return h('span', { className: 'inline-block h-8 w-8 shrink-0 rounded-full bg-neutral-200', ariaHidden: 'true' });
  if (c.authorImage) return h('img', { className: 'rounded-full object-cover', src: c.authorImage, alt: '', width: 32, height: 32 });
  return h('span.avatar', { ariaHidden: 'true', style: 'width:32px;height:32px;font-size:12.8px' }, initials(c.authorName) || '?');
}

/** Meta line, body and the held label: the part of a comment that is the same for every reader. */
function mainParts(c: ThreadComment, strings: Strings, locale: Locale): ElementContent[] {
  if (c.state === 'REMOVED') return [h('p', { className: 'text-sm italic text-neutral-600' }, strings.removed)];
  const parts: ElementContent[] = [
    h('p.c-meta', [h('span.c-author', c.authorName), ' ', h('time', { dateTime: c.createdAt }, formatDate(c.createdAt, locale)), c.editedAt ? ` · ${strings.edited}` : '']),
    h('div.c-body', [raw(c.html)]),
  ];
  if (c.state === 'HELD') parts.push(h('p', { className: 'mt-1 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900' }, strings.held));
  return parts;
}

/** For a comment rendered by React (components/comments/comment-item.tsx): its avatar and main part. */
export function commentParts(c: ThreadComment, strings: Strings, locale: Locale): { avatar: string; main: string } {
  return { avatar: html(avatar(c)), main: html(mainParts(c, strings, locale)) };
}

function item(c: ThreadComment, strings: Strings, locale: Locale): Element {
  const article = h('article', { className: 'flex gap-3', ariaLabel: c.state === 'REMOVED' ? strings.removed : c.authorName }, [
    avatar(c),
    h('div', { className: 'min-w-0 flex-1' }, [...mainParts(c, strings, locale), { type: 'comment', value: `a:${c.id}` }]),
  ]);
  const replies = c.replies.length > 0 ? [h('ol', { className: 'c-replies' }, c.replies.map((r) => item(r, strings, locale)))] : [];
  return h('li', { id: `comment-${c.id}` }, [article, ...replies]);
}

/** The inside of a thread's <li id="comment-…">: the comment, its replies, and a marker per controls row. */
export function threadHtml(c: ThreadComment, strings: Strings, locale: Locale): string {
  return html(item(c, strings, locale).children as ElementContent[]);
}

/** What one reader may do on the comments of a page, as the controls need it. */
export type ReaderLayer = {
  viewerId: string;
  /** Signed in and not banned. */
  canWrite: boolean;
  /** Comments are on (site setting). */
  open: boolean;
  liked: Set<string>;
  reported: Set<string>;
  /** The page the forms come back to, and the base of the Reply and Report links. */
  returnTo: string;
  /** The comment whose reply or report form is open (`?reply=`, `?report=`, or a refused post). */
  replyTo: string | null;
  reportOn: string | null;
  flash: Flash | null;
  strings: Strings;
};

export type CommentMeta = { authorId: string | null; likeCount: number; state: ThreadComment['state'] };

function withParam(path: string, name: string, id: string, anchor: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${name}=${id}#${anchor}`;
}

function likeCount(count: number): Element {
  return h('span', { className: 'text-sm text-neutral-700', dataTestid: 'like-count' }, `♥ ${count}`);
}

/** One comment's row of controls for `layer`'s reader (null: a reader without a session); '' when there is none. */
export function actionsHtml(id: string, c: CommentMeta, layer: ReaderLayer | null, { wrap = true } = {}): string {
  if (c.state === 'REMOVED') return '';
  const parts: ElementContent[] = [];
  if (!layer) {
    if (c.likeCount > 0) parts.push(likeCount(c.likeCount));
  } else {
    const { strings } = layer;
    const own = c.authorId === layer.viewerId;
    const canAdd = layer.canWrite && layer.open;
    if (canAdd && c.state === 'VISIBLE') {
      const liked = layer.liked.has(id);
      parts.push(
        h(
          'button',
          { className: 'text-sm text-neutral-700 hover:text-neutral-900 aria-pressed:font-semibold aria-pressed:text-teal-800', type: 'submit', form: LIKE_FORM_ID, name: 'commentId', value: id, ariaPressed: liked ? 'true' : 'false' },
          [`${liked ? '♥' : '♡'} ${liked ? strings.unlike : strings.like}`, h('span', { className: 'ml-1', dataTestid: 'like-count' }, String(c.likeCount))],
        ),
      );
      const refused = layer.flash?.key === commentFormKey('like', id).key ? layer.flash.state.message : undefined;
      if (refused) parts.push(h('span', { className: 'field-error', role: 'status', ariaLive: 'polite' }, refused));
    } else if (c.likeCount > 0) {
      parts.push(likeCount(c.likeCount));
    }
    if (canAdd && c.state === 'VISIBLE' && layer.replyTo !== id) {
      parts.push(h('a', { className: OPENER, href: withParam(layer.returnTo, 'reply', id, `comment-body-${id}`), rel: 'nofollow' }, strings.reply));
    }
    if (layer.canWrite && !own && layer.reportOn !== id) {
      parts.push(
        layer.reported.has(id)
          ? h('span', { className: 'text-sm text-neutral-600' }, strings.reported)
          : h('a', { className: OPENER, href: withParam(layer.returnTo, 'report', id, `report-${id}`), rel: 'nofollow' }, strings.report),
      );
    }
  }
  if (parts.length === 0) return '';
  return wrap ? html(h('div', { className: 'c-actions' }, parts)) : html(parts);
}

/** The cached thread HTML with every controls marker replaced for `layer`'s reader. */
export function fillThread(threadHtml: string, meta: Record<string, CommentMeta>, layer: ReaderLayer | null): string {
  return threadHtml.replace(MARKER, (_, id: string) => {
    const c = meta[id];
    return c ? actionsHtml(id, c, layer) : '';
  });
}
