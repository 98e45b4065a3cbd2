import { decodeHTML } from 'entities';
import { ImportFileError } from './errors';
import { htmlToMarkdown, wordpressToMarkdown } from './html-to-markdown';
import { oldPath, wantedSlug } from './paths';
import { emptyBundle, type ImportBundle, type ImportComment, type ImportPost, type ImportStatus } from './types';
import { attr, child, list, parseXml, text, type XmlNode } from './xml';

// WordPress eXtended RSS (WXR 1.0, 1.1, 1.2), the file of WordPress's Tools → Export.
// Posts come in; pages do too only with `pages: 'drafts'` (Quire has no pages, so by default
// they are skipped and listed); attachments, menu items and other post types are skipped.

const ARRAYS = new Set([
  'rss.channel.item',
  'rss.channel.wp:author',
  'rss.channel.wp:category',
  'rss.channel.wp:tag',
  'rss.channel.item.category',
  'rss.channel.item.wp:comment',
]);

export type WxrOptions = { pages: 'skip' | 'drafts' };

/** A WordPress date ("2011-01-18 07:40:14", GMT when the _gmt field is set), or null for the zero date. */
function wpDate(gmt: string, local: string): Date | null {
  for (const [value, zone] of [[gmt, 'Z'], [local, 'Z']] as const) {
    if (!value || value.startsWith('0000')) continue;
    const date = new Date(`${value.replace(' ', 'T')}${zone}`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

// WordPress keeps titles and names HTML-escaped (`What&#8217;s`, `&laquo;`) even inside CDATA.
const plain = (value: string) => decodeHTML(value).trim();

// A stray `<` or `>` around a login is real data (the WordPress theme unit test has two).
const login = (value: string) => value.replace(/^[<>\s]+|[<>\s]+$/g, '');

const STATUS: Record<string, ImportStatus> = { publish: 'PUBLISHED', future: 'SCHEDULED', draft: 'DRAFT', pending: 'DRAFT', private: 'DRAFT' };

export function parseWxr(file: string, xml: string, options: WxrOptions = { pages: 'skip' }): ImportBundle {
  const doc = parseXml(file, xml, ARRAYS);
  const channel = child(child(doc, 'rss'), 'channel');
  if (!channel || typeof channel !== 'object') throw new ImportFileError(file, null, 'not a WordPress export: no <rss><channel>');
  const version = text(child(channel, 'wp:wxr_version'));
  if (!version) throw new ImportFileError(file, null, 'not a WordPress export: no <wp:wxr_version> in <channel>');
  const site = text(child(channel, 'wp:base_site_url')) || text(child(channel, 'link')) || file;
  const bundle = emptyBundle('wxr', `wxr:${site}`, `WXR ${version} (${site})`);

  for (const author of list(child(channel, 'wp:author'))) {
    const id = login(text(child(author, 'wp:author_login')));
    if (!id) continue;
    bundle.authors.push({ sourceId: id, name: plain(text(child(author, 'wp:author_display_name'))) || id, email: text(child(author, 'wp:author_email')) || null });
  }
  for (const category of list(child(channel, 'wp:category'))) {
    const slug = text(child(category, 'wp:category_nicename'));
    if (!slug) continue;
    bundle.categories.push({ sourceId: slug, slug, name: plain(text(child(category, 'wp:cat_name'))) || slug, description: text(child(category, 'wp:category_description')) });
  }

  const termNames = new Map<string, string>();
  for (const item of list(child(channel, 'item'))) readItem(bundle, item, options, termNames);

  // WXR 1.0 has no author blocks: the posts' creators are the authors.
  const known = new Set(bundle.authors.map((a) => a.sourceId));
  for (const post of bundle.posts) {
    if (post.authorRef && !known.has(post.authorRef)) {
      known.add(post.authorRef);
      bundle.authors.push({ sourceId: post.authorRef, name: post.authorRef, email: null });
    }
  }
  const categories = new Set(bundle.categories.map((c) => c.sourceId));
  for (const post of bundle.posts) {
    for (const ref of post.categoryRefs) {
      if (!categories.has(ref)) {
        categories.add(ref);
        bundle.categories.push({ sourceId: ref, slug: ref, name: termNames.get(ref) ?? ref, description: '' });
      }
    }
  }
  return bundle;
}

/** `termNames` collects the names of categories the items name (WXR 1.1 may list none in the channel). */
function readItem(bundle: ImportBundle, item: XmlNode, options: WxrOptions, termNames: Map<string, string>): void {
  const id = text(child(item, 'wp:post_id'));
  const title = plain(text(child(item, 'title')));
  const type = text(child(item, 'wp:post_type')) || 'post';
  const wpStatus = text(child(item, 'wp:status'));
  const skip = (reason: string) => {
    bundle.skipped.push({ kind: type, sourceId: id, title, reason });
    for (const comment of list(child(item, 'wp:comment'))) {
      bundle.skipped.push({ kind: 'comment', sourceId: text(child(comment, 'wp:comment_id')), title: `on "${title}"`, reason: `on a ${type} that was skipped` });
    }
  };
  if (type === 'page' && options.pages === 'skip') return skip('a page: Quire has no pages (run with --pages-as-drafts to import pages as draft posts)');
  if (type !== 'post' && type !== 'page') return skip(`a WordPress ${type}, not a post`);
  const status = STATUS[wpStatus];
  if (!status) return skip(`status "${wpStatus}" (only published, scheduled, draft, pending and private posts come in)`);

  const categories: string[] = [];
  const tags: string[] = [];
  for (const term of list(child(item, 'category'))) {
    const domain = attr(term, 'domain');
    const name = plain(text(term));
    if (domain === 'category') {
      const ref = attr(term, 'nicename') || name;
      categories.push(ref);
      if (!termNames.has(ref)) termNames.set(ref, name);
    }
    else if (domain === 'post_tag' || domain === 'tag') tags.push(name);
  }
  const created = wpDate('', text(child(item, 'wp:post_date')));
  const publishedAt = status === 'DRAFT' ? null : wpDate(text(child(item, 'wp:post_date_gmt')), text(child(item, 'wp:post_date')));
  const isPage = type === 'page';
  // A password-protected post must not become public by moving.
  const locked = text(child(item, 'wp:post_password')) !== '';
  const asDraft = isPage || locked;
  const paths = [oldPath(text(child(item, 'link'))), id ? `/?${isPage ? 'page_id' : 'p'}=${id}` : null];
  const post: ImportPost = {
    sourceId: id,
    title: title || 'Untitled',
    slug: wantedSlug(text(child(item, 'wp:post_name')), title),
    body: wordpressToMarkdown(text(child(item, 'content:encoded'))),
    excerpt: htmlToMarkdown(text(child(item, 'excerpt:encoded'))),
    status: asDraft ? 'DRAFT' : status,
    publishedAt: asDraft ? null : publishedAt,
    createdAt: created ?? publishedAt ?? new Date(),
    authorRef: login(text(child(item, 'dc:creator'))) || null,
    categoryRefs: [...new Set(categories)],
    tags: [...new Set(tags)],
    oldPaths: [...new Set(paths.filter((p): p is string => !!p))],
    ...noteFor(wpStatus, isPage, locked),
  };
  bundle.posts.push(post);
  for (const comment of list(child(item, 'wp:comment'))) readComment(bundle, post, comment);
}

function noteFor(wpStatus: string, isPage: boolean, locked: boolean): { note?: string } {
  if (locked) return { note: 'password-protected on WordPress: imported as a draft' };
  if (wpStatus === 'private') return { note: 'private on WordPress: imported as a draft' };
  return isPage ? { note: 'a WordPress page: imported as a draft post' } : {};
}

function readComment(bundle: ImportBundle, post: ImportPost, node: XmlNode): void {
  const id = text(child(node, 'wp:comment_id'));
  const type = text(child(node, 'wp:comment_type')) || 'comment';
  const approved = text(child(node, 'wp:comment_approved'));
  const name = plain(text(child(node, 'wp:comment_author')));
  const skip = (reason: string) => {
    bundle.skipped.push({ kind: 'comment', sourceId: id, title: `by ${name || 'anonymous'} on "${post.title}"`, reason });
  };
  if (type === 'pingback' || type === 'trackback') return skip(`a ${type}, not a comment`);
  if (type !== 'comment') return skip(`comment type "${type}"`);
  if (approved !== '1' && approved !== '0') return skip(approved === 'spam' ? 'marked as spam' : `status "${approved}"`);
  const parent = text(child(node, 'wp:comment_parent'));
  const comment: ImportComment = {
    sourceId: id,
    target: { postRef: post.sourceId },
    parentRef: parent && parent !== '0' ? parent : null,
    authorName: name || 'Anonymous',
    authorEmail: text(child(node, 'wp:comment_author_email')) || null,
    body: wordpressToMarkdown(text(child(node, 'wp:comment_content'))),
    createdAt: wpDate(text(child(node, 'wp:comment_date_gmt')), text(child(node, 'wp:comment_date'))) ?? post.createdAt,
    // Unapproved on WordPress: held for a moderator here too.
    status: approved === '1' ? 'VISIBLE' : 'HELD',
  };
  bundle.comments.push(comment);
}
