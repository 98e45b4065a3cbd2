import 'server-only';
import type { Root, Element } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { capDelimiterRuns } from '@/lib/markdown-limits';
import { optimizedUrl, POST_COLUMN_PX, srcSet, srcSetWidths, type ImageSize } from '@/lib/media/responsive';

// Markdown → sanitized HTML. Author HTML is parsed (rehype-raw) and then passed
// through rehype-sanitize's GitHub-like allow-list: no script, no on* handlers,
// no javascript: URLs. Headings are shifted so the page keeps a single h1. Every id in a
// post starts with `md-` (the sanitizer's clobber prefix, and rehype-slug's heading ids),
// so no author's heading can take a name the page uses (`main`, `comments`, `like`), and
// in-document links follow (localAnchors). Images that
// are known uploads then get resized copies (responsiveUploads): added after the
// sanitizer, from the media table's sizes, so authors still cannot write srcset or
// loading themselves.

function demoteH1() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
    });
  };
}

function externalLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const href = node.properties?.href;
      if (node.tagName === 'a' && typeof href === 'string' && /^https?:\/\//i.test(href)) {
        node.properties.rel = ['noopener', 'noreferrer'];
      }
    });
  };
}

/** An author's width or height in pixels; anything else ("50%") is not a valid img attribute and gives way. */
const pixels = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * An upload becomes what next/image would write: a srcset of /_next/image widths, its
 * size (so the page does not move as it loads; an author's width or height is kept and
 * the other follows the aspect ratio) and lazy loading. Other images stay as they are.
 */
function responsiveUploads(tree: Root, sizes: ReadonlyMap<string, ImageSize>): void {
  visit(tree, 'element', (node: Element) => {
    const src = node.properties.src;
    if (node.tagName !== 'img' || typeof src !== 'string') return;
    const size = sizes.get(src);
    if (!size) return;
    const [givenW, givenH] = [pixels(node.properties.width), pixels(node.properties.height)];
    const width = givenW ?? (givenH ? Math.round((givenH * size.width) / size.height) : size.width);
    const height = givenH ?? Math.round((width * size.height) / size.width);
    const widths = srcSetWidths(size.width);
    node.properties.src = optimizedUrl(src, widths[widths.length - 1] ?? size.width);
    node.properties.srcSet = srcSet(src, widths);
    node.properties.sizes = `(min-width: 768px) ${Math.min(width, POST_COLUMN_PX)}px, 100vw`;
    node.properties.width = width;
    node.properties.height = height;
    node.properties.loading = 'lazy';
    node.properties.decoding = 'async';
  });
}

/** What every id in a post starts with: an author's `id="main"` or heading "Main" cannot clobber the page's own. */
export const POST_ID_PREFIX = 'md-';

/** The allow-list author HTML passes (the fuzz tests check the output against it). */
export const POST_SANITIZE_SCHEMA = { ...defaultSchema, clobberPrefix: POST_ID_PREFIX };

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Links within the post follow its prefixed ids: `[see](#setup)` to a heading, and GFM's
 * footnote links (`#user-content-fn-1`), point at `#md-…` when the post has that id. A link
 * to an anchor of the page itself (`#comments`) is left as it is.
 */
function localAnchors() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const fragment = href.slice(1);
      if (ids.has(POST_ID_PREFIX + decodeFragment(fragment))) node.properties.href = `#${POST_ID_PREFIX}${fragment}`;
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, POST_SANITIZE_SCHEMA)
  .use(demoteH1)
  .use(rehypeSlug, { prefix: POST_ID_PREFIX })
  .use(localAnchors)
  .use(externalLinks)
  .use(rehypeStringify);

/** `imageSizes`: the uploads' sizes by address (lib/dal/media.ts getImageSizes); images not in it are left alone. */
export async function renderMarkdown(markdown: string, imageSizes: ReadonlyMap<string, ImageSize> = new Map()): Promise<string> {
  const tree = await processor.run(processor.parse(capDelimiterRuns(markdown)));
  if (imageSizes.size > 0) responsiveUploads(tree, imageSizes);
  return processor.stringify(tree);
}

/**
 * The same sanitized HTML with a last pass of the caller's over the tree and no resized
 * copies: the feeds make every address absolute (lib/feeds/html.ts).
 */
export async function renderMarkdownWith(markdown: string, transform: (tree: Root) => void): Promise<string> {
  const tree = await processor.run(processor.parse(capDelimiterRuns(markdown)));
  transform(tree);
  return processor.stringify(tree);
}
