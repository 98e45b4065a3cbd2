import type { Root as HastRoot } from 'hast';
import type { PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { capDelimiterRuns } from '@/lib/markdown-limits';
import { capNesting, flattenDeepNodes, text } from './nesting';

// Reader comments → HTML. Stricter than the post renderer (lib/markdown.ts) because
// anyone can write a comment: raw HTML is shown as text and never parsed, images
// become plain links (no remote images, so no tracking pixels), and only the tags in
// COMMENT_SCHEMA reach the page. Pure and synchronous so tests and server code share it.

// Written out in full: rehype-sanitize fills any key left out from its GitHub-like
// default schema, which allows far more than a comment needs.
export const COMMENT_SCHEMA: SanitizeSchema = {
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'a', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  required: {},
  ancestors: {},
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style'],
  allowComments: false,
  allowDoctypes: false,
};

export const LINK_REL = ['nofollow', 'ugc', 'noopener'];

/** Browsers match schemes case-insensitively, the sanitizer does not: `HTTPS:` → `https:`. */
const lowerScheme = (url: string) => url.replace(/^[a-z][a-z\d+.-]*:/i, (scheme) => scheme.toLowerCase());

const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** Rewrites what GFM parses but comments do not support into the supported subset. */
function rewriteUnsupported(tree: MdastRoot): void {
  visit(tree, (node, index, parent) => {
    if (parent === undefined || index === undefined) return;
    const replace = (...nodes: RootContent[]) => {
      (parent.children as RootContent[]).splice(index, 1, ...nodes);
      return index;
    };
    switch (node.type) {
      case 'html': // shown as typed, never parsed
        return replace(BLOCK_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text(node.value)] } : text(node.value));
      case 'heading':
        return node.children.length === 0 ? replace() : replace({ type: 'paragraph', children: [{ type: 'strong', children: node.children }] });
      case 'thematicBreak':
        return replace();
      case 'image':
        return replace({ type: 'link', url: lowerScheme(node.url), children: [text(node.alt || node.url)] });
      case 'imageReference': {
        const { identifier, label, referenceType } = node;
        return replace({ type: 'linkReference', identifier, label, referenceType, children: [text(node.alt || (label ?? identifier))] });
      }
      case 'link':
      case 'linkReference':
        if (node.type === 'link') node.url = lowerScheme(node.url);
        // A link cannot hold another link, so an image inside one keeps only its alt text.
        visit(node, (inner, innerIndex, innerParent) => {
          if ((inner.type === 'image' || inner.type === 'imageReference') && innerParent && innerIndex !== undefined) {
            (innerParent.children as PhrasingContent[]).splice(innerIndex, 1, text(inner.alt ?? ''));
          }
        });
        return;
      case 'definition':
        node.url = lowerScheme(node.url);
        return;
      case 'table': {
        const row = (cells: PhrasingContent[][]) => cells.flatMap((cell, i) => (i === 0 ? cell : [text(' | '), ...cell]));
        const rows = node.children.map((tableRow) => row(tableRow.children.map((cell) => cell.children)));
        return replace({ type: 'paragraph', children: rows.flatMap((cells, i) => (i === 0 ? cells : [{ type: 'break' }, ...cells])) });
      }
      case 'listItem':
        if (typeof node.checked === 'boolean') {
          const box = node.checked ? '[x]' : '[ ]';
          const first = node.children[0];
          if (first?.type === 'paragraph') first.children.unshift(text(`${box} `));
          else node.children.unshift({ type: 'paragraph', children: [text(box)] });
          node.checked = null;
        }
        return;
      case 'footnoteReference':
        return replace(text(`[^${node.label ?? node.identifier}]`));
      case 'footnoteDefinition': {
        const marker = `[^${node.label ?? node.identifier}]:`;
        const first = node.children[0];
        if (first?.type === 'paragraph') first.children.unshift(text(`${marker} `));
        else node.children.unshift({ type: 'paragraph', children: [text(marker)] });
        return replace(...node.children);
      }
    }
  });
}

function remarkCommentSubset() {
  return (tree: MdastRoot) => {
    flattenDeepNodes(tree);
    rewriteUnsupported(tree);
  };
}

/** After sanitizing: a link whose URL was dropped becomes its text; the rest get LINK_REL. */
function rehypeCommentLinks() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a' || parent === undefined || index === undefined) return;
      const { href } = node.properties;
      if (typeof href !== 'string' || href === '') {
        parent.children.splice(index, 1, ...node.children);
        return index;
      }
      node.properties = { href, rel: LINK_REL };
    });
  };
}

const processor = unified()
  .use(remarkParse)
  // GFM for autolinked URLs and ~~strikethrough~~; its tables, task lists and footnotes
  // are rewritten above. Single `~` stays text: "~5 minutes" is not a deletion.
  .use(remarkGfm, { singleTilde: false })
  .use(remarkCommentSubset)
  .use(remarkRehype)
  .use(rehypeSanitize, COMMENT_SCHEMA)
  .use(rehypeCommentLinks)
  .use(rehypeStringify);

function renderTree(source: string): HastRoot {
  return processor.runSync(processor.parse(capNesting(capDelimiterRuns(source))));
}

/** Safe HTML for a comment body (at most 5,000 characters; the caller validates). */
export function renderCommentMarkdown(source: string): string {
  return processor.stringify(renderTree(source));
}

/** The HTML and its link count from one parse (what posting a comment needs). */
export function renderComment(source: string): { html: string; links: number } {
  const tree = renderTree(source);
  return { html: processor.stringify(tree), links: linksIn(tree) };
}

/** Links in the rendered comment (markdown links, autolinks, bare URLs, images). */
export function countLinks(source: string): number {
  return linksIn(renderTree(source));
}

function linksIn(tree: ReturnType<typeof renderTree>): number {
  let links = 0;
  visit(tree, 'element', (node) => {
    if (node.tagName === 'a') links++;
  });
  return links;
}

const BLOCK_TAGS = new Set(['p', 'br', 'pre', 'blockquote', 'ul', 'ol', 'li']);

/** Plain-text excerpt (not HTML: escape it before putting it in markup), cut at `max`. */
export function commentPlainText(source: string, max = 200): string {
  const parts: string[] = [];
  visit(renderTree(source), (node) => {
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element' && BLOCK_TAGS.has(node.tagName)) parts.push(' ');
  });
  const plain = parts.join('').replace(/\s+/g, ' ').trim();
  if (plain.length <= max) return plain;
  if (max < 1) return '';
  let cut = plain.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space >= max * 0.6) cut = cut.slice(0, space); // end on a whole word when one is close
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never split a surrogate pair
  return `${cut.trimEnd()}…`;
}
