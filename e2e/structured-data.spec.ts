import { expect, test } from '@playwright/test';
import { metaContent } from './helpers/html';
import { getPath, jsonLdNodes, linkHref, nodeOfType, pngSize, type Node } from './helpers/json-ld';
import { POSTS_PER_PAGE, SEED_EXCERPT, SEED_PATH, SEED_TITLE, SITE_NAME } from './helpers/site';

// What a crawler gets besides the content: JSON-LD (parsed and checked against what
// schema.org and Google's article, breadcrumb and sitelinks documentation ask for),
// list pages canonical to themselves with rel="prev"/"next", robots meta, icons and the
// web app manifest. No validator runs offline, so the structure is asserted here.

const isAbsolute = (value: unknown) => typeof value === 'string' && /^https?:\/\/[^/]+\//.test(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const asNode = (value: unknown) => value as Node;

test('a post carries BlogPosting with every field crawlers use', async ({ request }) => {
  const html = await (await request.get(SEED_PATH)).text();
  const canonical = linkHref(html, 'canonical');
  const post = nodeOfType(html, 'BlogPosting');
  expect(post).toBeDefined();
  if (!post) return;
  expect(post['@context']).toBe('https://schema.org');
  expect(post.headline).toBe(SEED_TITLE);
  expect(String(post.headline).length).toBeLessThanOrEqual(110);
  expect(post.description).toBe(SEED_EXCERPT);
  expect(post.url).toBe(canonical);
  expect(post.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': canonical });
  expect(post.datePublished).toBe('2023-03-14T10:00:00.000Z');
  expect(Number.isNaN(Date.parse(String(post.dateModified)))).toBe(false);
  expect(post.inLanguage).toBe('en');
  expect(post.wordCount).toBeGreaterThan(300);
  expect(post.keywords).toEqual(['PMO', 'Career', 'Leadership']);
  expect(post.articleSection).toBe('Project Management');

  const author = asNode(post.author);
  expect(author['@type']).toBe('Person');
  expect(author.name).toBe('seopmaspire');
  expect(isAbsolute(author.url)).toBe(true);

  const publisher = asNode(post.publisher);
  expect(publisher).toMatchObject({ '@type': 'Organization', name: SITE_NAME });
  expect(isAbsolute(publisher.url)).toBe(true);
  const logo = asNode(publisher.logo);
  expect(logo['@type']).toBe('ImageObject');
  const logoResponse = await getPath(request, String(logo.url));
  expect(logoResponse.headers()['content-type']).toBe('image/png');
  // Google asks for a logo of at least 112×112.
  expect(pngSize(await logoResponse.body())).toEqual({ width: 180, height: 180 });

  // Counters: numbers the page itself shows (cached a few seconds), one per interaction.
  expect(isCount(post.commentCount)).toBe(true);
  const stats = (post.interactionStatistic as Node[]).map((s) => ({ type: s['@type'], action: asNode(s.interactionType)['@type'], n: s.userInteractionCount }));
  expect(stats.map((s) => s.action)).toEqual(['ViewAction', 'CommentAction', 'LikeAction']);
  for (const stat of stats) {
    expect(stat.type).toBe('InteractionCounter');
    expect(isCount(stat.n)).toBe(true);
  }
  expect(stats[1]?.n).toBe(post.commentCount);
  // The generated share image always, after the cover when there is one.
  const images = post.image as string[];
  expect(images.length).toBeGreaterThan(0);
  for (const url of images) expect(isAbsolute(url)).toBe(true);
  expect(new URL(images.at(-1) ?? '').pathname).toMatch(/^\/og\/post\//);
});

test('a post carries the breadcrumb Home › Category › Post, every step a live page', async ({ request }) => {
  const html = await (await request.get(SEED_PATH)).text();
  const crumbs = nodeOfType(html, 'BreadcrumbList');
  const items = (crumbs?.itemListElement ?? []) as Node[];
  expect(items.map((i) => [i['@type'], i.position, i.name])).toEqual([
    ['ListItem', 1, SITE_NAME],
    ['ListItem', 2, 'Project Management'],
    ['ListItem', 3, SEED_TITLE],
  ]);
  expect(items.map((i) => new URL(String(i.item)).pathname)).toEqual(['/', '/blog/categories/project-management', SEED_PATH]);
  for (const item of items) expect((await getPath(request, String(item.item))).status()).toBe(200);
});

test('a post allows large image previews; search results are noindex, follow and carry no JSON-LD', async ({ request }) => {
  const post = await (await request.get(SEED_PATH)).text();
  expect(metaContent(post, 'robots')).toBe('index, follow, max-image-preview:large');
  const search = await (await request.get('/search?q=pmo')).text();
  expect(metaContent(search, 'robots')).toBe('noindex, follow');
  expect(jsonLdNodes(search)).toEqual([]);
});

test('the home page carries WebSite with a SearchAction that leads to search results', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const site = nodeOfType(html, 'WebSite');
  expect(site).toMatchObject({ '@context': 'https://schema.org', name: SITE_NAME, inLanguage: 'en' });
  expect(isAbsolute(site?.url)).toBe(true);
  const action = asNode(site?.potentialAction);
  expect(action['@type']).toBe('SearchAction');
  expect(action['query-input']).toBe('required name=search_term_string');
  const template = String(asNode(action.target).urlTemplate);
  expect(template).toContain('{search_term_string}');
  const results = await (await getPath(request, template.replace('{search_term_string}', 'pmo'))).text();
  expect(results).toContain('PMO Career Path');
});

test('list pages: CollectionPage on the first, canonical to themselves, rel prev/next between them', async ({ request }) => {
  const first = await (await request.get('/blog')).text();
  expect(new URL(linkHref(first, 'canonical') ?? '').pathname).toBe('/blog');
  expect(linkHref(first, 'prev')).toBeNull();
  const collection = nodeOfType(first, 'CollectionPage');
  expect(collection).toMatchObject({ '@context': 'https://schema.org', url: linkHref(first, 'canonical'), inLanguage: 'en' });
  const list = asNode(collection?.mainEntity);
  expect(list['@type']).toBe('ItemList');
  const entries = list.itemListElement as Node[];
  expect(entries).toHaveLength(POSTS_PER_PAGE);
  expect(entries.map((e) => e.position)).toEqual(Array.from({ length: POSTS_PER_PAGE }, (_, i) => i + 1));
  for (const entry of entries) expect(new URL(String(entry.url)).pathname).toMatch(/^\/post\/[a-z0-9-]+$/);

  // Page 2: its own canonical (the address page 1's rel="next" names), no JSON-LD.
  const nextUrl = linkHref(first, 'next');
  expect(nextUrl).toMatch(/\/blog\?cursor=[\w-]+$/);
  const second = await (await getPath(request, nextUrl ?? '')).text();
  expect(linkHref(second, 'canonical')).toBe(nextUrl);
  expect(jsonLdNodes(second)).toEqual([]);
  // Back from page 2 is the head of the list again: canonical to /blog.
  const prevUrl = linkHref(second, 'prev');
  expect(prevUrl).toMatch(/\/blog\?cursor=[\w-]+&dir=back$/);
  const back = await (await getPath(request, prevUrl ?? '')).text();
  expect(new URL(linkHref(back, 'canonical') ?? '').pathname).toBe('/blog');
  expect(new URL(linkHref(back, 'canonical') ?? '').search).toBe('');
  expect(linkHref(back, 'next')).toBe(nextUrl);
  // Exactly one canonical per page.
  for (const html of [first, second, back]) expect(html.match(/rel="canonical"/g)).toHaveLength(1);
});

test('category and tag pages carry CollectionPage named after them', async ({ request }) => {
  const category = await (await request.get('/blog/categories/careers')).text();
  expect(nodeOfType(category, 'CollectionPage')).toMatchObject({ name: 'Careers', description: 'Growing as a project manager, one role at a time.' });
  expect(new URL(linkHref(category, 'canonical') ?? '').pathname).toBe('/blog/categories/careers');
  const tag = await (await request.get('/blog/tags/pmo')).text();
  expect(nodeOfType(tag, 'CollectionPage')?.name).toMatch(/PMO/);
  expect(new URL(linkHref(tag, 'canonical') ?? '').pathname).toBe('/blog/tags/pmo');
});

test('every page links its icons; favicon.ico, icons and the manifest answer with the site name', async ({ request }) => {
  const html = await (await request.get(SEED_PATH)).text();
  const icons = [...html.matchAll(/<link rel="icon"[^>]*>/g)].map((m) => m[0]);
  expect(icons.length).toBeGreaterThan(0);
  const apple = linkHref(html, 'apple-touch-icon');
  const manifestHref = linkHref(html, 'manifest');
  expect(apple).toBeTruthy();
  expect(manifestHref).toBeTruthy();
  for (const link of icons) {
    const href = /href="([^"]+)"/.exec(link)?.[1] ?? '';
    const response = await request.get(href.replaceAll('&amp;', '&'));
    expect(response.status(), href).toBe(200);
    expect(pngSize(await response.body()), href).not.toBeNull();
  }
  expect(pngSize(await (await request.get(apple ?? '')).body())).toEqual({ width: 180, height: 180 });
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(pngSize(await favicon.body())).toEqual({ width: 48, height: 48 });

  const manifest = (await (await request.get(manifestHref ?? '')).json()) as { name: string; start_url: string; icons: { src: string; sizes: string }[] };
  expect(manifest.name).toBe(SITE_NAME);
  expect(manifest.start_url).toBe('/');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
  for (const icon of manifest.icons) {
    const size = Number(icon.sizes.split('x')[0]);
    expect(pngSize(await (await request.get(icon.src)).body())).toEqual({ width: size, height: size });
  }
});
