import { expect, test, type Page } from '@playwright/test';
import { attributeOf, decodeEntities, metaContent, textsOf, withoutScripts } from './helpers/html';
import { E2E_SITEMAP_PAGE_SIZE, readSitemap, sitemapEntries } from './helpers/sitemap';
import { PUBLISHED_POSTS, SEED_BODY_SENTENCE, SEED_EXCERPT, SEED_HEADINGS, SEED_PATH, SEED_TITLE, SITE_NAME } from './helpers/site';

// What a crawler sees: server HTML and XML fetched without running any JavaScript.

/** Parses XML with the browser's DOMParser; returns the parser error, or null when well-formed. */
async function xmlParseError(page: Page, xml: string): Promise<string | null> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
  }, xml);
}

test('the post page HTML carries the article, title, description, canonical and Open Graph tags', async ({ request }) => {
  const response = await request.get(SEED_PATH);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/html');
  const html = await response.text();
  const markup = withoutScripts(html);

  expect(attributeOf(html, 'html', /lang=/, 'lang')).toBe('en');
  expect(textsOf(html, 'title')).toEqual([`${SEED_TITLE} | ${SITE_NAME}`]);
  expect(metaContent(html, 'description')).toBe(SEED_EXCERPT);

  const canonical = attributeOf(html, 'link', /rel="canonical"/, 'href');
  expect(canonical).toMatch(/^https?:\/\/[^/]+\/post\/pmo-career-path-five-issues-connection-a-pmo$/);

  expect(metaContent(html, 'og:title')).toBe(SEED_TITLE);
  expect(metaContent(html, 'og:description')).toBe(SEED_EXCERPT);
  expect(metaContent(html, 'og:type')).toBe('article');
  expect(metaContent(html, 'og:url')).toBe(canonical);
  expect(metaContent(html, 'article:published_time')).toBe('2023-03-14T10:00:00.000Z');
  expect(metaContent(html, 'twitter:title')).toBe(SEED_TITLE);

  // The article itself is in the markup, not only in the hydration payload.
  expect(textsOf(markup, 'h1')).toEqual([SEED_TITLE]);
  const h2s = textsOf(markup, 'h2');
  for (const heading of SEED_HEADINGS) expect(h2s).toContain(heading);
  expect(decodeEntities(markup)).toContain(SEED_BODY_SENTENCE);
  expect(markup).toContain('Log in to comment');
});

test('the post page keeps og:site_name from the site', async ({ request }) => {
  // A page-level openGraph object replaces the layout's, so the post must repeat siteName itself.
  const html = await (await request.get(SEED_PATH)).text();
  expect(metaContent(html, 'og:site_name')).toBe(SITE_NAME);
});

test('search result pages are noindex; the post page is indexable', async ({ request }) => {
  const post = await (await request.get(SEED_PATH)).text();
  expect(metaContent(post, 'robots') ?? '').not.toMatch(/noindex/);
  const search = await (await request.get('/search?q=pmo')).text();
  expect(metaContent(search, 'robots')).toMatch(/noindex/);
});

test('sitemap.xml is an index of well-formed children that list every published post once, with lastmod', async ({ request, page }) => {
  const index = await request.get('/sitemap.xml');
  expect(index.status()).toBe(200);
  const indexXml = await index.text();
  expect(await xmlParseError(page, indexXml)).toBeNull();
  expect(indexXml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');

  const read = await readSitemap(request);
  const childPaths = read.index.map((e) => new URL(e.url).pathname);
  expect(childPaths[0]).toBe('/sitemaps/pages.xml');
  const postChildren = childPaths.filter((p) => p.startsWith('/sitemaps/posts-'));
  expect(postChildren).toHaveLength(Math.ceil(PUBLISHED_POSTS / E2E_SITEMAP_PAGE_SIZE));
  expect(childPaths.some((p) => p.startsWith('/sitemaps/categories-'))).toBe(true);
  expect(childPaths.some((p) => p.startsWith('/sitemaps/tags-'))).toBe(true);
  for (const xml of read.texts.slice(1)) {
    expect(await xmlParseError(page, xml)).toBeNull();
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
  }
  for (const [loc, items] of read.children) {
    expect(items.length, loc).toBeGreaterThan(0);
    expect(items.length, loc).toBeLessThanOrEqual(E2E_SITEMAP_PAGE_SIZE);
  }
  // The index entry's lastmod is the newest of its child's. Comments posted by specs running
  // beside this one move a post's lastmod between the index's fetch and its child's, so the
  // check wants one read in which nothing changed (the exact values: tests/integration/sitemap.test.ts).
  await expect(async () => {
    const snapshot = await readSitemap(request);
    for (const [loc, items] of snapshot.children) {
      const newest = items.map((i) => i.lastmod ?? '').sort().at(-1);
      expect(snapshot.index.find((e) => e.url === loc)?.lastmod, loc).toBe(newest);
    }
  }).toPass({ timeout: 30_000 });

  const entries = sitemapEntries(read);
  for (const entry of entries) {
    expect(entry.url).toMatch(/^https?:\/\//);
    expect(Number.isNaN(Date.parse(entry.lastmod ?? '')), entry.url).toBe(false);
  }
  const paths = entries.map((e) => new URL(e.url).pathname);
  expect(paths).toContain(SEED_PATH);
  expect(paths).toContain('/');
  expect(paths).toContain('/blog');
  expect(paths).toContain('/blog/categories/careers');
  expect(paths.filter((p) => p.startsWith('/post/'))).toHaveLength(PUBLISHED_POSTS);
  expect(new Set(paths).size).toBe(paths.length);
  expect((await request.get('/sitemaps/posts-99.xml')).status()).toBe(404);
  expect((await request.get('/sitemaps/users-1.xml')).status()).toBe(404);
});

test('rss.xml is a well-formed RSS 2.0 feed with the seed post', async ({ request, page }) => {
  const response = await request.get('/rss.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const xml = await response.text();
  expect(await xmlParseError(page, xml)).toBeNull();

  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const channel = doc.querySelector('rss > channel');
    const child = (el: Element | null | undefined, name: string) =>
      [...(el?.children ?? [])].find((c) => c.tagName === name)?.textContent ?? null;
    return {
      version: doc.documentElement.getAttribute('version'),
      root: doc.documentElement.tagName,
      title: child(channel, 'title'),
      link: child(channel, 'link'),
      description: child(channel, 'description'),
      items: [...(channel?.querySelectorAll(':scope > item') ?? [])].map((item) => ({
        title: child(item, 'title'),
        link: child(item, 'link'),
        guid: child(item, 'guid'),
        pubDate: child(item, 'pubDate'),
        description: child(item, 'description'),
      })),
    };
  }, xml);

  expect(feed.root).toBe('rss');
  expect(feed.version).toBe('2.0');
  expect(feed.title).toBe(SITE_NAME);
  expect(feed.link).toMatch(/^https?:\/\//);
  expect(feed.description).toBeTruthy();
  expect(feed.items).toHaveLength(PUBLISHED_POSTS);
  for (const item of feed.items) {
    expect(item.title).toBeTruthy();
    expect(item.link).toMatch(/^https?:\/\/[^/]+\/post\/[a-z0-9-]+$/);
    expect(Number.isNaN(Date.parse(item.pubDate ?? ''))).toBe(false);
  }
  const seed = feed.items.find((item) => item.title === SEED_TITLE);
  expect(seed).toBeDefined();
  expect(new URL(seed?.link ?? '').pathname).toBe(SEED_PATH);
  expect(seed?.description).toBe(SEED_EXCERPT);
  expect(new Date(seed?.pubDate ?? '').toISOString()).toBe('2023-03-14T10:00:00.000Z');
  // Newest first.
  const dates = feed.items.map((item) => Date.parse(item.pubDate ?? ''));
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
});

test('rss.xml item authors follow RSS 2.0 (an email address), if present', async ({ request }) => {
  // RSS 2.0: <author> is "Email address of the author of the item"; a bare name fails the W3C feed validator.
  const xml = await (await request.get('/rss.xml')).text();
  const authors = textsOf(xml, 'author');
  for (const author of authors) expect(author, `<author>${author}</author>`).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+(\s+\(.+\))?$/);
});

test('robots.txt allows posts and points to the sitemap', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  const text = await response.text();
  const sitemap = /^Sitemap:\s*(\S+)\s*$/im.exec(text)?.[1];
  expect(sitemap).toMatch(/^https?:\/\/[^/]+\/sitemap\.xml$/);
  expect((await request.get(new URL(sitemap ?? '').pathname)).status()).toBe(200);

  const disallowed = [...text.matchAll(/^Disallow:\s*(\S*)\s*$/gim)].map((m) => m[1] ?? '').filter(Boolean);
  for (const path of [SEED_PATH, '/blog', '/', '/rss.xml']) {
    expect(disallowed.filter((rule) => path.startsWith(rule)), path).toEqual([]);
  }
});
