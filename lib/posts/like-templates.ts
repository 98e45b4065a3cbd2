import 'server-only';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { COUNT, splitTemplate } from '@/lib/comments/controls.mjs';
import type { Dictionary, Locale } from '@/lib/i18n';
import type { Counted, HeartTemplates } from './like-heart.mjs';

// The signed-in heart's HTML in the site's language (lib/posts/like-heart.mjs fills in the
// count). A submit button of the post's like form: its value is the state it asks for, and
// aria-pressed says whether the reader likes the post. hast escapes every text.

function button(t: Dictionary, liked: boolean, count: string): string {
  const node = h('button', { type: 'submit', name: 'like', value: liked ? '0' : '1', ariaPressed: liked ? 'true' : 'false', className: 'post-like', dataTestid: 'post-like' }, [
    h('span', { ariaHidden: 'true' }, liked ? '♥' : '♡'),
    ' ',
    h('span', { className: 'sr-only' }, `${t.postLikeUi.like}: `),
    h('span', { dataTestid: 'post-like-count' }, t.likeCount(count)),
  ]);
  return toHtml(node as unknown as Root);
}

const counted = (t: Dictionary, liked: boolean): Counted => ({ one: splitTemplate(button(t, liked, '1')), other: splitTemplate(button(t, liked, COUNT)) });

const built = new WeakMap<Dictionary, HeartTemplates>();

/** The heart's templates for the site's language (built once per dictionary). */
export function heartTemplates(t: Dictionary, locale: Locale): HeartTemplates {
  let templates = built.get(t);
  if (!templates) {
    templates = { locale, notLiked: counted(t, false), liked: counted(t, true) };
    built.set(t, templates);
  }
  return templates;
}
