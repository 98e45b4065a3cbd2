// Idempotent seed: `npm run db:seed` creates (or refreshes) the seopmaspire site.
// Runs outside Next, so it uses its own Prisma client rather than lib/db.ts.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client';
import { readingMinutes } from '../lib/reading-time';
import { CATEGORIES, SEED_ARTICLE_SLUG, SHORT_POSTS, TAG_NAMES, type SeedPost } from './seed-data/posts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('seed: DATABASE_URL is not set');
  process.exit(1);
}
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });

const seedArticle: SeedPost = {
  slug: SEED_ARTICLE_SLUG,
  title: 'PMO Career Path – five issues Connection a PMO',
  excerpt:
    'All project management offices don’t seem to be created equal: five concerns that might discourage a project manager from a PMO role, and why they still give opportunities to grow.',
  body: readFileSync(path.join(import.meta.dirname, 'seed-data', 'pmo-career-path.md'), 'utf8'),
  category: 'project-management',
  tags: ['pmo', 'career', 'leadership'],
  publishedAt: '2023-03-14T10:00:00Z',
};

async function main() {
  const settings: Record<string, unknown> = {
    siteName: 'seopmaspire',
    siteDescription: 'Project management careers, PMOs and being found online.',
    language: 'en',
    postsPerPage: 9,
  };
  for (const [key, value] of Object.entries(settings)) {
    // Only fill missing settings: a re-seed must not undo what an admin changed.
    await db.setting.upsert({ where: { key }, create: { key, value: value as never }, update: {} });
  }

  const author = await db.user.upsert({
    where: { email: 'author@seopmaspire.example' },
    create: { email: 'author@seopmaspire.example', name: 'seopmaspire', role: 'ADMIN', bio: 'Project manager and PMO lead.' },
    update: {},
    select: { id: true },
  });

  const categoryIds = new Map<string, string>();
  for (const c of CATEGORIES) {
    const row = await db.category.upsert({ where: { slug: c.slug }, create: { ...c }, update: { name: c.name, description: c.description }, select: { id: true } });
    categoryIds.set(c.slug, row.id);
  }
  const tagIds = new Map<string, string>();
  for (const [slug, name] of Object.entries(TAG_NAMES)) {
    const row = await db.tag.upsert({ where: { slug }, create: { slug, name }, update: { name }, select: { id: true } });
    tagIds.set(slug, row.id);
  }

  for (const p of [seedArticle, ...SHORT_POSTS]) {
    const data = {
      title: p.title,
      excerpt: p.excerpt,
      body: p.body,
      status: 'PUBLISHED' as const,
      publishedAt: new Date(p.publishedAt),
      readingMinutes: readingMinutes(p.body),
      authorId: author.id,
    };
    const post = await db.post.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...data }, update: data, select: { id: true } });
    await db.postCategory.createMany({ data: [{ postId: post.id, categoryId: categoryIds.get(p.category)! }], skipDuplicates: true });
    await db.postTag.createMany({ data: p.tags.map((t) => ({ postId: post.id, tagId: tagIds.get(t)! })), skipDuplicates: true });
  }
  console.log(`seed: ${1 + SHORT_POSTS.length} posts, ${CATEGORIES.length} categories, ${Object.keys(TAG_NAMES).length} tags`);
}

main()
  .catch((error) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
