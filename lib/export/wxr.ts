import { escapeUTF8 } from 'entities';

// WordPress eXtended RSS 1.2 (what WordPress's Tools → Import → WordPress reads), written
// item by item so a large blog never sits in memory as one document. WordPress numbers
// posts, comments and terms: Quire's ids become 1, 2, 3… in the order written, and a
// reply names its parent by that number. Element order follows WordPress's own export.

export type WxrAuthor = { login: string; name: string; email: string | null };
export type WxrTerm = { slug: string; name: string; description?: string };
export type WxrComment = { id: number; parent: number; authorName: string; authorEmail: string | null; html: string; createdAt: Date; approved: '1' | '0' | 'trash' };
export type WxrPost = {
  id: number;
  title: string;
  link: string;
  slug: string;
  html: string;
  excerpt: string;
  status: 'publish' | 'draft' | 'future';
  createdAt: Date;
  publishedAt: Date | null;
  authorLogin: string;
  categories: WxrTerm[];
  tags: WxrTerm[];
  comments: WxrComment[];
};

// Characters XML 1.0 does not allow at all, even escaped.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const esc = (value: string) => escapeUTF8(value.replace(INVALID, ''));
const cdata = (value: string) => `<![CDATA[${value.replace(INVALID, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const el = (name: string, value: string) => `<${name}>${value}</${name}>`;

/** WordPress's "2025-01-18 07:40:14" (UTC here; the _gmt twin says so). */
export function wpDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

export function wxrStart(site: { title: string; description: string; url: string; language: string }, authors: WxrAuthor[], categories: WxrTerm[], tags: WxrTerm[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- A WordPress eXtended RSS file made by Quire (npm run export -- --format wxr). -->',
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    '<channel>',
    el('title', esc(site.title)),
    el('link', esc(site.url)),
    el('description', esc(site.description)),
    el('pubDate', new Date().toUTCString()),
    el('language', esc(site.language)),
    el('wp:wxr_version', '1.2'),
    el('wp:base_site_url', esc(site.url)),
    el('wp:base_blog_url', esc(site.url)),
  ];
  authors.forEach((a, i) =>
    lines.push(`<wp:author>${el('wp:author_id', String(i + 1))}${el('wp:author_login', cdata(a.login))}${el('wp:author_email', cdata(a.email ?? ''))}${el('wp:author_display_name', cdata(a.name))}${el('wp:author_first_name', cdata(''))}${el('wp:author_last_name', cdata(''))}</wp:author>`),
  );
  categories.forEach((c, i) =>
    lines.push(`<wp:category>${el('wp:term_id', String(i + 1))}${el('wp:category_nicename', cdata(c.slug))}${el('wp:category_parent', cdata(''))}${el('wp:cat_name', cdata(c.name))}${el('wp:category_description', cdata(c.description ?? ''))}</wp:category>`),
  );
  tags.forEach((t, i) => lines.push(`<wp:tag>${el('wp:term_id', String(categories.length + i + 1))}${el('wp:tag_slug', cdata(t.slug))}${el('wp:tag_name', cdata(t.name))}</wp:tag>`));
  return `${lines.join('\n')}\n`;
}

function commentXml(c: WxrComment): string {
  return [
    '<wp:comment>',
    el('wp:comment_id', String(c.id)),
    el('wp:comment_author', cdata(c.authorName)),
    el('wp:comment_author_email', cdata(c.authorEmail ?? '')),
    el('wp:comment_author_url', ''),
    el('wp:comment_author_IP', ''),
    el('wp:comment_date', wpDate(c.createdAt)),
    el('wp:comment_date_gmt', wpDate(c.createdAt)),
    el('wp:comment_content', cdata(c.html)),
    el('wp:comment_approved', c.approved),
    el('wp:comment_type', 'comment'),
    el('wp:comment_parent', String(c.parent)),
    el('wp:comment_user_id', '0'),
    '</wp:comment>',
  ].join('');
}

export function wxrItem(p: WxrPost): string {
  const terms = [
    ...p.categories.map((c) => `<category domain="category" nicename="${esc(c.slug)}">${cdata(c.name)}</category>`),
    ...p.tags.map((t) => `<category domain="post_tag" nicename="${esc(t.slug)}">${cdata(t.name)}</category>`),
  ];
  return [
    '<item>',
    el('title', esc(p.title)),
    el('link', esc(p.link)),
    el('pubDate', (p.publishedAt ?? p.createdAt).toUTCString()),
    el('dc:creator', cdata(p.authorLogin)),
    `<guid isPermaLink="false">${esc(p.link)}</guid>`,
    el('description', ''),
    el('content:encoded', cdata(p.html)),
    el('excerpt:encoded', cdata(p.excerpt)),
    el('wp:post_id', String(p.id)),
    el('wp:post_date', cdata(wpDate(p.publishedAt ?? p.createdAt))),
    // WordPress leaves a draft's GMT date at zero: it gets one when published.
    el('wp:post_date_gmt', cdata(wpDate(p.status === 'draft' ? null : p.publishedAt))),
    el('wp:comment_status', cdata('open')),
    el('wp:ping_status', cdata('closed')),
    el('wp:post_name', cdata(p.slug)),
    el('wp:status', cdata(p.status)),
    el('wp:post_parent', '0'),
    el('wp:menu_order', '0'),
    el('wp:post_type', cdata('post')),
    el('wp:post_password', cdata('')),
    el('wp:is_sticky', '0'),
    ...terms,
    ...p.comments.map(commentXml),
    '</item>',
    '',
  ].join('\n');
}

export const wxrEnd = '</channel>\n</rss>\n';
