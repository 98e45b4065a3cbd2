import { expect, test } from '@playwright/test';
import { parseJsonFeed, parseXmlFeed } from '../tests/helpers/feed-xml';
import { db } from './helpers/users';
import { alternateFeeds, conditionalGet, FEED_TYPES } from './helpers/feeds';
import { PUBLISHED_POSTS, SEED_BODY_SENTENCE, SEED_PATH, SEED_SLUG, SEED_TITLE, SITE_NAME } from './helpers/site';

// Feeds on the seeded site, as feed readers see them: every format parses with a real
// reader and carries whole posts with absolute addresses; pages offer their feeds; a
// reader's current copy gets a 304; unknown feeds are 404s. (Publishing: feeds-publish.spec.ts.)

const absoluteOnly = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '').filter((u) => !/^(https?:|mailto:)/.test(u));

test('the site feed in RSS, Atom and JSON Feed: every published post, the seed post in full with absolute addresses', async ({ request }) => {
  for (const path of ['/rss.xml', '/atom.xml']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const feed = parseXmlFeed(await response.text());
    expect(feed.title).toBe(SITE_NAME);
    expect(feed.items).toHaveLength(PUBLISHED_POSTS);
    const seed = feed.items.find((i) => i.title === SEED_TITLE);
    expect(new URL(seed?.url ?? '').pathname).toBe(SEED_PATH);
    expect(seed?.content ?? '').toContain(SEED_BODY_SENTENCE);
    expect(absoluteOnly(seed?.content ?? ''), path).toEqual([]);
  }
  expect((await request.get('/atom.xml')).headers()['content-type']).toContain('application/atom+xml');
  const json = await request.get('/feed.json');
  expect(json.headers()['content-type']).toContain('application/feed+json');
  const feed = parseJsonFeed(await json.text());
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(feed.items).toHaveLength(PUBLISHED_POSTS);
  expect(feed.items.find((i) => i.title === SEED_TITLE)?.content_html).toContain(SEED_BODY_SENTENCE);
});

test('a current copy gets 304 (If-None-Match, If-Modified-Since); a stale one the feed', async ({ request }) => {
  for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/blog/categories/careers/rss.xml', '/comments/atom.xml']) {
    // Specs beside this one comment, which changes the comment feed between two reads:
    // the check wants two reads with no change between them.
    await expect(async () => {
      const first = await conditionalGet(request, path, {});
      expect(first.status, path).toBe(200);
      expect(first.etag, path).toMatch(/^"[\w-]+"$/);
      expect((await conditionalGet(request, path, { 'If-None-Match': first.etag ?? '' })).status, path).toBe(304);
      expect((await conditionalGet(request, path, { 'If-None-Match': '"stale"' })).status, path).toBe(200);
      if (first.lastModified) expect((await conditionalGet(request, path, { 'If-Modified-Since': first.lastModified })).status, path).toBe(304);
    }).toPass({ timeout: 30_000 });
  }
  const site = await conditionalGet(request, '/rss.xml', {});
  expect(Date.parse(site.lastModified ?? '')).not.toBeNaN();
});

test('each page offers its feeds, and each offered feed answers and parses', async ({ request }) => {
  const author = (await db().query<{ id: string }>('SELECT author_id AS id FROM posts WHERE slug = $1', [SEED_SLUG])).rows[0]?.id ?? '';
  const expected: Record<string, string[]> = {
    '/': ['/rss.xml', '/comments/rss.xml'],
    '/blog': ['/rss.xml'],
    '/search?q=pmo': ['/rss.xml'],
    '/blog/categories/careers': ['/rss.xml', '/blog/categories/careers/rss.xml'],
    '/blog/tags/pmo': ['/rss.xml', '/blog/tags/pmo/rss.xml'],
    [SEED_PATH]: ['/rss.xml', '/comments/rss.xml', `${SEED_PATH}/comments/rss.xml`, `/blog/authors/${author}/rss.xml`],
  };
  const offered = new Set<string>();
  for (const [page, feeds] of Object.entries(expected)) {
    const links = alternateFeeds(await (await request.get(page)).text());
    const paths = links.map((l) => new URL(l.href, 'http://x').pathname);
    for (const feed of feeds) {
      expect(paths, page).toContain(feed);
      for (const type of FEED_TYPES) expect(links.filter((l) => l.type === type).length, `${page} ${type}`).toBeGreaterThanOrEqual(feeds.length);
    }
    for (const link of links) {
      expect(link.title, `${page} ${link.href}`).not.toBe('');
      offered.add(new URL(link.href, 'http://x').pathname);
    }
  }
  for (const path of offered) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const body = await response.text();
    if (path.endsWith('.json')) expect(parseJsonFeed(body).version, path).toBe('https://jsonfeed.org/version/1.1');
    else expect(parseXmlFeed(body).title, path).toBeTruthy();
  }
});

test('unknown categories, tags, authors and posts have no feed', async ({ request }) => {
  for (const path of [
    '/blog/categories/no-such-category/rss.xml',
    '/blog/tags/no-such-tag/atom.xml',
    '/blog/authors/no-such-author/feed.json',
    '/blog/authors/bad%20id/rss.xml',
    '/post/no-such-post/comments/rss.xml',
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test('hostile addresses and validators get a 4xx or the feed, never a 5xx', async ({ request }) => {
  const paths = ['/blog/categories/%00/rss.xml', `/blog/authors/${'x'.repeat(500)}/atom.xml`, '/blog/tags/%E2%80%AE/feed.json', '/post/..%2F..%2Fadmin/comments/rss.xml', '/rss.xml?limit=100000'];
  for (const path of paths) expect((await request.get(path)).status(), path).toBeLessThan(500);
  const validators: Record<string, string>[] = [{ 'If-None-Match': '"' }, { 'If-None-Match': 'W/' }, { 'If-Modified-Since': 'Thu, 99 Foo 9999' }, { 'If-None-Match': '*' }];
  for (const headers of validators) {
    const status = (await request.get('/atom.xml', { headers })).status();
    expect([200, 304], JSON.stringify(headers)).toContain(status);
  }
  expect((await request.get('/atom.xml', { headers: { 'If-None-Match': '*' } })).status()).toBe(304);
});
