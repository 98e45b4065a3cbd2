import { expect, test } from '@playwright/test';
import { attributeOf, metaContent } from './helpers/html';
import { PUBLISHED_POSTS, SEED_PATH, SEED_TITLE } from './helpers/site';
import { readSitemap, sitemapEntries } from './helpers/sitemap';

// Build once, run anywhere: scripts/test.mjs builds with no database and SITE_URL
// http://build-time.quire.invalid, then runs that build with the seeded e2e database and
// its own address. What the build prerendered must never reach a reader: the first
// response already has this run's posts and URLs.

const BUILD_HOST = 'build-time.quire.invalid';
const origin = () => new URL(process.env.SITE_URL ?? 'http://127.0.0.1:3100').origin;

/** Every <tag>…</tag> text in an XML document (no nesting in the ones read here). */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([^<\\]]*)`, 'g'))].map((m) => m[1] ?? '');
}

test('sitemap.xml and robots.txt name the runtime address and list the runtime database\'s posts', async ({ request }) => {
  const read = await readSitemap(request);
  for (const xml of read.texts) expect(xml).not.toContain(BUILD_HOST);
  const locs = [...read.index.map((e) => e.url), ...sitemapEntries(read).map((e) => e.url)];
  expect(locs.length).toBeGreaterThan(PUBLISHED_POSTS);
  for (const loc of locs) expect(loc.startsWith(`${origin()}/`)).toBe(true);
  expect(locs.filter((loc) => loc.includes('/post/'))).toHaveLength(PUBLISHED_POSTS);
  expect(locs).toContain(`${origin()}${SEED_PATH}`);

  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain(`Sitemap: ${origin()}/sitemap.xml`);
});

test('rss.xml links the runtime address and carries the seeded posts', async ({ request }) => {
  const rss = await (await request.get('/rss.xml')).text();
  expect(rss).not.toContain(BUILD_HOST);
  const links = texts(rss, 'link');
  expect(links.length).toBeGreaterThan(1);
  for (const link of links) expect(link.startsWith(`${origin()}/`)).toBe(true);
  expect(links).toContain(`${origin()}${SEED_PATH}`);
  expect(rss).toContain(SEED_TITLE);
});

test('the home page lists the posts; a post page\'s canonical and og:url use the runtime address', async ({ request }) => {
  const home = await (await request.get('/')).text();
  expect(home).not.toContain(BUILD_HOST);
  expect(home).toMatch(/href="\/post\/[a-z0-9-]+"/);

  const html = await (await request.get(SEED_PATH)).text();
  expect(html).not.toContain(BUILD_HOST);
  const canonical = attributeOf(html, 'link', /rel="canonical"/, 'href');
  expect(canonical).toBe(`${origin()}${SEED_PATH}`);
  expect(metaContent(html, 'og:url')).toBe(canonical);
});
