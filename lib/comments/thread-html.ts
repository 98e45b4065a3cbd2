import 'server-only';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { ThreadComment } from '@/lib/dal/comments';
import type { Flash } from '@/lib/form-flash';
import { formatDate, type Dictionary, type Locale } from '@/lib/i18n';
import { initials } from '@/lib/initials';
import { commentFormKey } from '@/lib/validations/comment-forms';
import { shownAuthorName } from './deleted-account';
import { controlsRow, COUNT, ID, splitTemplate, type RowTemplates, type Template } from './controls.mjs';

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
/** The section's one delete form: each own comment's Delete button belongs to it (`form="comment-delete"`). */
export const DELETE_FORM_ID = 'comment-delete';
const MARKER = /<!--a:([a-z0-9]+)-->/g;
/** The Reply and Report links look like the <summary> of the forms they open (app/globals.css). */
const OPENER = 'c-open';

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;
const html = (node: Element | ElementContent[]) => toHtml((Array.isArray(node) ? { type: 'root', children: node } : node) as Root | Element, { allowDangerousHtml: true });

/** The author's picture or initials, as components/ui/avatar.tsx draws them at 32 px. */
function avatar(c: ThreadComment, name: string): Element {
  if (c.state === 'REMOVED') return h('span', { className: 'inline-block h-8 w-8 shrink-0 rounded-full bg-neutral-200', ariaHidden: 'true' });
  if (c.authorImage) return h('img', { className: 'rounded-full object-cover', src: c.authorImage, alt: '', width: 32, height: 32 });
  return h('span.avatar', { ariaHidden: 'true', style: 'width:32px;height:32px;font-size:12.8px' }, initials(name) || '?');
}

/** Meta line, body and the held label: the part of a comment that is the same for every reader. */
function mainParts(c: ThreadComment, strings: Strings, locale: Locale): ElementContent[] {
  if (c.state === 'REMOVED') return [h('p', { className: 'text-sm italic text-neutral-600' }, strings.removed)];
  const parts: ElementContent[] = [
    h('p.c-meta', [h('span.c-author', shownAuthorName(c, strings)), ' ', h('time', { dateTime: c.createdAt }, formatDate(c.createdAt, locale)), c.editedAt ? ` · ${strings.edited}` : '']),
    h('div.c-body', [raw(c.html)]),
  ];
  if (c.state === 'HELD') parts.push(h('p', { className: 'mt-1 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900' }, strings.held));
  return parts;
}

/** For a comment rendered by React (components/comments/comment-item.tsx): its avatar and main part. */
export function commentParts(c: ThreadComment, strings: Strings, locale: Locale): { avatar: string; main: string } {
  return { avatar: html(avatar(c, shownAuthorName(c, strings))), main: html(mainParts(c, strings, locale)) };
}

function item(c: ThreadComment, strings: Strings, locale: Locale): Element {
  const name = shownAuthorName(c, strings);
  const article = h('article', { className: 'flex gap-3', ariaLabel: c.state === 'REMOVED' ? strings.removed : name }, [
    avatar(c, name),
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
  /** The reader's own comments still inside the edit window. */
  editable: Set<string>;
  /** The page the forms come back to, and the base of the Reply and Report links. */
  returnTo: string;
  /** The comment whose reply or report form is open (`?reply=`, `?report=`, or a refused post). */
  replyTo: string | null;
  reportOn: string | null;
  /** The own comment whose edit form is open (`?edit=`, or a refused edit). */
  editOn: string | null;
  flash: Flash | null;
  strings: Strings;
};

export type CommentMeta = { authorId: string | null; likeCount: number; state: ThreadComment['state'] };

/** A link to the page the reader is on with `name`=`id`: just the query when that page has none. */
function withParam(path: string, name: string, id: string, anchor: string): string {
  return `${path.includes('?') ? `${path}&` : '?'}${name}=${id}#${anchor}`;
}

// The controls are the same few pieces of HTML for every comment but for an id and a
// count: rendered (and escaped) once per reader and request with stand-ins, then joined
// around each comment's values by lib/comments/controls.mjs.
const template = (node: Element): Template => splitTemplate(html(node));

const templates = new WeakMap<ReaderLayer, RowTemplates>();
const ANONYMOUS = { likeCount: template(h('span', { className: 'text-sm text-neutral-700', dataTestid: 'like-count' }, `♥ ${COUNT}`)) };

/** The pieces of a reader's controls in `strings`' language, their links back to `returnTo`. */
export function rowTemplates(strings: Strings, returnTo: string): RowTemplates {
  const likeButton = (liked: boolean) =>
    template(
      h(
        'button',
        { className: 'c-like', form: LIKE_FORM_ID, name: 'commentId', value: ID, ariaPressed: liked ? 'true' : 'false' },
        [`${liked ? '♥' : '♡'} ${liked ? strings.unlike : strings.like}`, h('span', { className: 'ml-1', dataTestid: 'like-count' }, COUNT)],
      ),
    );
  return {
    likeButton: [likeButton(false), likeButton(true)],
    likeCount: ANONYMOUS.likeCount,
    reply: template(h('a', { className: OPENER, href: withParam(returnTo, 'reply', ID, `comment-body-${ID}`) }, strings.reply)),
    report: template(h('a', { className: OPENER, href: withParam(returnTo, 'report', ID, `report-${ID}`) }, strings.report)),
    reported: html(h('span', { className: 'text-sm text-neutral-600' }, strings.reported)),
    edit: template(h('a', { className: OPENER, href: withParam(returnTo, 'edit', ID, `edit-${ID}`) }, strings.edit)),
    remove: template(h('button', { className: 'text-sm text-red-800 hover:underline', form: DELETE_FORM_ID, name: 'commentId', value: ID }, strings.delete)),
  };
}

function templatesFor(layer: ReaderLayer): RowTemplates {
  const cached = templates.get(layer);
  if (cached) return cached;
  const made = rowTemplates(layer.strings, layer.returnTo);
  templates.set(layer, made);
  return made;
}

/** A refused plain form post of `kind` on comment `id`, beside its control. */
function refusedHtml(layer: ReaderLayer, kind: 'like' | 'delete', id: string): string {
  const refused = layer.flash?.key === commentFormKey(kind, id).key ? layer.flash.state.message : undefined;
  return refused ? html(h('span', { className: 'field-error', role: 'status', ariaLive: 'polite' }, refused)) : '';
}

/** One comment's row of controls for `layer`'s reader (null: a reader without a session); '' when there is none. */
export function actionsHtml(id: string, c: CommentMeta, layer: ReaderLayer | null, { wrap = true } = {}): string {
  if (!layer) return controlsRow(id, c, null, ANONYMOUS as RowTemplates, { wrap });
  return controlsRow(id, c, { ...layer, refused: (kind, commentId) => refusedHtml(layer, kind, commentId) }, templatesFor(layer), { wrap });
}

/**
 * The cached thread HTML with every controls marker replaced for `layer`'s reader. With
 * `delimit` (the signed-in page's shared shell, lib/comments/reader-splice.mjs) each row
 * stays between `<!--a:<id>-->` and `<!--/a-->`, so one reader's rows can be put in later.
 */
export function fillThread(threadHtml: string, meta: Record<string, CommentMeta>, layer: ReaderLayer | null, { delimit = false } = {}): string {
  return threadHtml.replace(MARKER, (marker, id: string) => {
    const c = Object.hasOwn(meta, id) ? meta[id] : undefined;
    const row = c ? actionsHtml(id, c, layer) : '';
    return delimit ? `${marker}${row}<!--/a-->` : row;
  });
}
