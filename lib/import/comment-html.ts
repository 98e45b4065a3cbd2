import { renderComment } from '@/lib/comments/markdown';

// Imported comments are rendered by the reader comments' renderer (lib/comments/markdown.ts),
// about 0.3 ms each: 30 s of a 100,000-comment import. Most old comments are plain prose,
// and for plain prose that renderer's answer is known without parsing: each paragraph in
// <p>, its lines joined by a newline. PLAIN admits only text no Markdown or GFM construct
// can start (no punctuation that marks one, no URL or e-mail autolink, no list numbers, no
// indentation or trailing spaces); anything else goes through the renderer itself.
// tests/integration/import-comment-html.test.ts checks both agree on generated texts.

const PLAIN = /^[\p{L}\p{N} .,!?;'"()\n]*$/u;
// A line opening with a space (indented code) or a number and `.`/`)` (a list), a space
// before a line end (a hard break), or `www.` (an autolink).
const RISKY = /(^|\n)( |\p{N}+[.)])| (\n|$)|www\./iu;

/** Whether the shortcut applies. */
export function plainComment(body: string): boolean {
  return PLAIN.test(body) && !RISKY.test(body);
}

/** The comment's HTML, exactly as renderComment(body).html gives it. */
export function commentHtml(body: string): string {
  if (!plainComment(body)) return renderComment(body).html;
  const paragraphs = body.split(/\n{2,}/).filter((p) => p.length > 0);
  return paragraphs.map((p) => `<p>${p}</p>`).join('\n');
}
