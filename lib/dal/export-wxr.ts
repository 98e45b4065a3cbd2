import 'server-only';
import slugify from '@sindresorhus/slugify';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { absoluteUrls } from '@/lib/feeds/html';
import { postPath } from '@/lib/site-url';
import { renderMarkdownWith } from '@/lib/markdown';
import { wxrEnd, wxrItem, wxrStart, type WxrAuthor, type WxrComment, type WxrPost } from '@/lib/export/wxr';
import { DEFAULT_SETTINGS } from './settings';

// Reads the site for `npm run export -- --format wxr` (operators, as `npm run export`):
// published, scheduled and draft posts (not the trash) with their terms and comments, a
// page of posts at a time. Held and hidden comments go as unapproved and trashed ones, so
// WordPress's moderators see what Quire's saw; deleted ones are left out, and their
// replies hang from the nearest comment above that went.

const PAGE = 100;
const STATUS = { PUBLISHED: 'publish', SCHEDULED: 'future', DRAFT: 'draft' } as const;
const APPROVED = { VISIBLE: '1', HELD: '0', HIDDEN: 'trash' } as const;

type Progress = (table: string, rows: number) => void;

async function siteInfo() {
  const rows = await db.setting.findMany({ where: { key: { in: ['siteName', 'siteDescription', 'language'] } }, select: { key: true, value: true } });
  const value = (key: string, fallback: string) => {
    const found = rows.find((r) => r.key === key)?.value;
    return typeof found === 'string' ? found : fallback;
  };
  return { title: value('siteName', DEFAULT_SETTINGS.siteName), description: value('siteDescription', DEFAULT_SETTINGS.siteDescription), language: value('language', DEFAULT_SETTINGS.language), url: env().SITE_URL.replace(/\/$/, '') };
}

/** Every author of a post, with a WordPress login made from the name (unique, lower case). */
async function authors(): Promise<{ list: WxrAuthor[]; logins: Map<string, string> }> {
  const users = await db.user.findMany({ where: { posts: { some: { deletedAt: null } } }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true, email: true } });
  const logins = new Map<string, string>();
  const taken = new Set<string>();
  const list = users.map((u) => {
    const base = slugify(u.name ?? '', { separator: '' }).slice(0, 50) || 'author';
    let login = base;
    for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
    taken.add(login);
    logins.set(u.id, login);
    return { login, name: u.name ?? login, email: u.email };
  });
  return { list, logins };
}

function postPage(cursor: string | null) {
  return db.post.findMany({
    where: { deletedAt: null },
    orderBy: { id: 'asc' },
    take: PAGE,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true, slug: true, title: true, body: true, excerpt: true, status: true, createdAt: true, publishedAt: true, authorId: true,
      categories: { select: { category: { select: { slug: true, name: true } } }, orderBy: { category: { slug: 'asc' } } },
      tags: { select: { tag: { select: { slug: true, name: true } } }, orderBy: { tag: { slug: 'asc' } } },
      comments: {
        orderBy: [{ depth: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, parentId: true, bodyHtml: true, status: true, createdAt: true, author: { select: { name: true, email: true } } },
      },
    },
  });
}

export async function exportWxr(write: (chunk: string) => Promise<void> | void, options: { onProgress?: Progress } = {}): Promise<Record<string, number>> {
  const site = await siteInfo();
  const people = await authors();
  const categories = await db.category.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, name: true, description: true } });
  const tags = await db.tag.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, name: true } });
  await write(wxrStart(site, people.list, categories, tags));
  const absolute = absoluteUrls(`${site.url}/`);
  const counts = { authors: people.list.length, categories: categories.length, tags: tags.length, posts: 0, comments: 0 };
  let cursor: string | null = null;
  let commentNumber = 0;
  for (;;) {
    const page = await postPage(cursor);
    for (const post of page) {
      const numbers = new Map<string, number>();
      const comments: WxrComment[] = [];
      for (const c of post.comments) {
        const parent = (c.parentId && numbers.get(c.parentId)) || 0;
        if (c.status === 'DELETED') {
          numbers.set(c.id, parent);
          continue;
        }
        const id = ++commentNumber;
        numbers.set(c.id, id);
        comments.push({ id, parent, authorName: c.author.name ?? 'Anonymous', authorEmail: c.author.email, html: c.bodyHtml, createdAt: c.createdAt, approved: APPROVED[c.status] });
      }
      const item: WxrPost = {
        id: ++counts.posts,
        title: post.title,
        link: `${site.url}${postPath(post.slug)}`,
        slug: post.slug,
        html: await renderMarkdownWith(post.body, absolute),
        excerpt: post.excerpt,
        status: STATUS[post.status],
        createdAt: post.createdAt,
        publishedAt: post.publishedAt,
        authorLogin: people.logins.get(post.authorId) ?? 'author',
        categories: post.categories.map((c) => c.category),
        tags: post.tags.map((t) => t.tag),
        comments,
      };
      counts.comments += comments.length;
      await write(wxrItem(item));
    }
    options.onProgress?.('posts', counts.posts);
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  await write(wxrEnd);
  return counts;
}
