import { z } from 'zod';
import { htmlToMarkdown } from './html-to-markdown';
import { parseJsonFile } from './json-file';
import { wantedSlug } from './paths';
import { emptyBundle, type ImportBundle, type ImportStatus } from './types';

// Ghost's JSON export (Settings → Labs → Export; Ghost 3, 4 and later: `db[0].data`). Ghost
// stores HTML beside its editor's format; the HTML is what comes in. Ghost has tags only
// (internal `#tags` are not imported), no comments in the export, and pages beside posts.

const id = z.union([z.string(), z.number()]).transform(String);
const nullableText = z.string().nullish().transform((s) => s ?? '');
const date = z.string().nullish().transform((s) => (s ? new Date(s) : null));

const post = z.object({
  id,
  title: nullableText,
  slug: z.string(),
  html: nullableText,
  plaintext: nullableText,
  custom_excerpt: nullableText,
  // Ghost 3 and later say `type`; older exports said `page: true`.
  type: z.string().optional(),
  page: z.union([z.boolean(), z.number()]).optional(),
  status: z.string(),
  visibility: z.string().default('public'),
  author_id: id.optional(),
  created_at: date,
  published_at: date,
});
const user = z.object({ id, name: nullableText, slug: nullableText, email: z.string().nullish() });
const tag = z.object({ id, name: z.string(), slug: z.string(), description: nullableText });
const postTag = z.object({ post_id: id, tag_id: id });
const postAuthor = z.object({ post_id: id, author_id: id, sort_order: z.number().nullish() });

const data = z.object({
  posts: z.array(post),
  users: z.array(user).default([]),
  tags: z.array(tag).default([]),
  posts_tags: z.array(postTag).default([]),
  posts_authors: z.array(postAuthor).default([]),
  settings: z.array(z.object({ key: z.string(), value: z.unknown() })).default([]),
});
const exportFile = z.object({
  db: z.array(z.object({ meta: z.object({ version: z.string() }).partial().default({}), data })).min(1, 'a Ghost export has one entry in db'),
});

const STATUS: Record<string, ImportStatus> = { published: 'PUBLISHED', scheduled: 'SCHEDULED', draft: 'DRAFT' };

export function parseGhost(file: string, source: string, options: { pages: 'skip' | 'drafts' } = { pages: 'skip' }): ImportBundle {
  const parsed = parseJsonFile(file, source, exportFile);
  const entry = parsed.db[0]!;
  const { data: d } = entry;
  const title = d.settings.find((s) => s.key === 'title')?.value;
  const site = typeof title === 'string' && title ? title : 'site';
  const bundle = emptyBundle('ghost', `ghost:${site}`, `Ghost ${entry.meta.version ?? '?'} export (${site})`);

  bundle.authors = d.users.map((u) => ({ sourceId: u.id, name: u.name || u.slug || u.id, email: u.email ?? null }));
  const tagsById = new Map(d.tags.filter((t) => !t.name.startsWith('#')).map((t) => [t.id, t.name]));
  const tagsOf = new Map<string, string[]>();
  for (const link of d.posts_tags) {
    const name = tagsById.get(link.tag_id);
    if (name) tagsOf.set(link.post_id, [...(tagsOf.get(link.post_id) ?? []), name]);
  }
  const authorOf = new Map<string, string>();
  for (const link of [...d.posts_authors].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))) {
    if (!authorOf.has(link.post_id)) authorOf.set(link.post_id, link.author_id);
  }

  for (const p of d.posts) {
    const isPage = p.type === 'page' || p.page === true || p.page === 1;
    const postTitle = p.title || 'Untitled';
    if (isPage && options.pages === 'skip') {
      bundle.skipped.push({ kind: 'page', sourceId: p.id, title: postTitle, reason: 'a page: Quire has no pages (run with --pages-as-drafts to import pages as draft posts)' });
      continue;
    }
    const status = STATUS[p.status];
    if (!status) {
      bundle.skipped.push({ kind: 'post', sourceId: p.id, title: postTitle, reason: `status "${p.status}"` });
      continue;
    }
    // Members-only or paid content must not become public by moving: a draft, for a person to decide.
    const restricted = p.visibility !== 'public';
    const asDraft = isPage || restricted;
    bundle.posts.push({
      sourceId: p.id,
      title: postTitle,
      slug: wantedSlug(p.slug, postTitle),
      body: p.html ? htmlToMarkdown(p.html) : p.plaintext,
      excerpt: p.custom_excerpt,
      status: asDraft ? 'DRAFT' : status,
      publishedAt: asDraft || status === 'DRAFT' ? null : p.published_at,
      createdAt: p.created_at ?? p.published_at ?? new Date(),
      authorRef: authorOf.get(p.id) ?? p.author_id ?? null,
      categoryRefs: [],
      tags: tagsOf.get(p.id) ?? [],
      // Ghost's default permalink is /:slug/.
      oldPaths: [`/${p.slug}`],
      ...(restricted ? { note: `"${p.visibility}" visibility on Ghost: imported as a draft` } : isPage ? { note: 'a Ghost page: imported as a draft post' } : {}),
    });
  }
  return bundle;
}
