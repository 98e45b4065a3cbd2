import type { Root as HastRoot } from 'hast';
import type { Nodes, PhrasingContent, Root as MdastRoot, RootContent, Text } from 'mdast';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

// Reader comments → HTML. Stricter than the post renderer (lib/markdown.ts) because
// anyone can write a comment: raw HTML is shown as text and never parsed, images
// become plain links (no remote images, so no tracking pixels), and only the tags in
// COMMENT_SCHEMA reach the page. Pure and synchronous so tests and server code share it.

// Written out in full: rehype-sanitize fills any key left out from its GitHub-like
// default schema, which allows far more than a comment needs.
const COMMENT_SCHEMA: SanitizeSchema = {
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

const LINK_REL = ['nofollow', 'ugc', 'noopener'];

// micromark is quadratic in the nesting of a single line (5,000 `>` take seconds), so
// container markers past this depth are escaped before parsing and show as text.
const MAX_LINE_NESTING = 10;
// Past this tree depth (no real comment gets close) a node is replaced by its text, so
// the recursive steps after parsing (to-hast, sanitize, stringify) cannot blow the stack:
// 2,500 nested `*` would otherwise make a tree 1,250 levels deep.
const MAX_TREE_DEPTH = 32;

const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const isBlank = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\t';
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Escapes the block-quote and list markers of one line past MAX_LINE_NESTING. */
function capLineNesting(line: string): string {
  let depth = 0;
  let i = 0;
  let done = 0;
  let out = '';
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let marker = i; // the character a backslash would escape
    const ch = line[i];
    if (ch === '>') {
      // `>` needs no space after it.
    } else if ((ch === '-' || ch === '+' || ch === '*') && isBlank(line[i + 1])) {
      // bullet
    } else if (isDigit(ch)) {
      while (isDigit(line[marker]) && marker - i < 9) marker++;
      if ((line[marker] !== '.' && line[marker] !== ')') || !isBlank(line[marker + 1])) break;
    } else {
      break;
    }
    depth++;
    if (depth === MAX_LINE_NESTING + 1 && THEMATIC_BREAK.test(line.slice(i))) break;
    if (depth > MAX_LINE_NESTING) {
      out += `${line.slice(done, marker)}\\`;
      done = marker;
    }
    i = marker + 1;
  }
  return out + line.slice(done);
}

function capNesting(source: string): string {
  return source
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 0 ? capLineNesting(part) : part))
    .join('');
}

const text = (value: string): Text => ({ type: 'text', value });

/** Text of an mdast subtree without recursion (the subtree may be very deep). */
function mdastText(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if ('value' in current) parts.push(current.value);
    else if (current.type === 'image' || current.type === 'imageReference') parts.push(current.alt ?? '');
    else if (current.type === 'break') parts.push(' ');
    else if ('children' in current) stack.push(...[...current.children].reverse());
  }
  return parts.join('');
}

function flattened(node: RootContent): RootContent {
  const value = mdastText(node);
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
      return text(value);
    case 'listItem':
      return { type: 'listItem', children: [{ type: 'paragraph', children: [text(value)] }] };
    case 'tableRow':
      return { type: 'tableRow', children: [{ type: 'tableCell', children: [text(value)] }] };
    case 'tableCell':
      return { type: 'tableCell', children: [text(value)] };
    default:
      return { type: 'paragraph', children: [text(value)] };
  }
}

function flattenDeepNodes(tree: MdastRoot): void {
  const stack: { children: RootContent[]; depth: number }[] = [{ children: tree.children, depth: 1 }];
  for (let level = stack.pop(); level; level = stack.pop()) {
    const { children, depth } = level;
    for (const [index, child] of children.entries()) {
      if (!('children' in child)) continue;
      if (depth < MAX_TREE_DEPTH) stack.push({ children: child.children, depth: depth + 1 });
      else children[index] = flattened(child);
    }
  }
}

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
  return processor.runSync(processor.parse(capNesting(source)));
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
