import 'server-only';
import { toHtml } from 'hast-util-to-html';
import { COUNT, splitTemplate } from '@/lib/comments/controls.mjs';
import type { Dictionary, Locale } from '@/lib/i18n';
import type { CountedText, CounterKind, CounterTemplates } from './counters.mjs';

// The counters' text in the site's language (lib/posts/counters.mjs fills in the number),
// escaped as React escapes the text it renders.

const text = (value: string) => toHtml({ type: 'text', value });

const counted = (say: (n: string) => string): CountedText => ({ one: text(say('1')), other: splitTemplate(text(say(COUNT))) });

const built = new WeakMap<Dictionary, CounterTemplates>();

/** The counters' templates for the site's language (built once per dictionary). */
export function counterTemplates(t: Dictionary, locale: Locale): CounterTemplates {
  let templates = built.get(t);
  if (!templates) {
    const say: Record<CounterKind, (n: string) => string> = { views: t.views, comments: t.commentCount, likes: t.likeCount };
    templates = { locale, views: counted(say.views), comments: counted(say.comments), likes: counted(say.likes) };
    built.set(t, templates);
  }
  return templates;
}
