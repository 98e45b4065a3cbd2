import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// The excerpt a post gets when its author leaves the field empty (cards, feeds, the meta
// description): the opening paragraphs of the body as plain text, cut on a word.

const parser = unified().use(remarkParse).use(remarkGfm);
const MAX = 200;

function paragraphs(nodes: RootContent[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'paragraph') out.push(toString(node, { includeImageAlt: false }));
    else if (node.type === 'blockquote') out.push(...paragraphs(node.children));
  }
  return out;
}

/** Plain text of the body's first paragraphs, at most `max` characters (an ellipsis when cut). */
export function autoExcerpt(markdown: string, max = MAX): string {
  const tree = parser.parse(markdown) as Root;
  let text = '';
  for (const p of paragraphs(tree.children)) {
    const clean = p.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    text = text ? `${text} ${clean}` : clean;
    if (text.length >= max) break;
  }
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?–—-]+$/, '')}…`;
}
