import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SEED_PATH } from './helpers/site';
import { vnuErrors } from './helpers/vnu';

// The server's HTML, as a crawler gets it, through the W3C Nu Html Checker: no errors on
// the home page, a post, the list, a category, search results and the 404 pages: an unmatched
// address's, and an unknown post's and category's (a notFound() from the page, whose bare
// document from Next the server swaps for the rendered not-found page: server/not-found.mjs).

// Reading pages carry the site's stylesheet in a <style> (lib/inline-stylesheet.mjs): the
// build's CSS file, byte for byte (e2e/csp.spec.ts checks that), which vnu never read while it
// was linked. vnu's CSS checker predates what Tailwind 4 writes (`@property`, `margin-trim`,
// color-mix(), …) and calls each an error, so the element is checked empty here: the HTML
// around and of it is checked, the CSS is as unchecked as it was as a file.
const withoutInlinedStylesheet = (html: string) => html.replace(/(<style data-inlined-from="[^"]*">)[\s\S]*?(<\/style>)/g, '$1$2');

const PAGES = [
  { path: '/', status: 200 },
  { path: SEED_PATH, status: 200 },
  { path: '/blog', status: 200 },
  { path: '/blog/categories/careers', status: 200 },
  { path: '/search?q=pmo', status: 200 },
  { path: '/no-such-page', status: 404 },
  { path: '/post/no-such-post', status: 404 },
  { path: '/blog/categories/no-such-category', status: 404 },
];

test('home, post, list, category, search and 404 pages pass the Nu Html Checker with no errors', async ({ request }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-vnu-'));
  try {
    const files: string[] = [];
    for (const [i, page] of PAGES.entries()) {
      const response = await request.get(page.path);
      expect(response.status(), page.path).toBe(page.status);
      const file = path.join(dir, `${i}.html`);
      await writeFile(file, withoutInlinedStylesheet(await response.text()));
      files.push(file);
    }
    const errors = await vnuErrors(files);
    const named = errors.map((e) => `${PAGES[files.indexOf(e.url.replace(/^file:/, ''))]?.path ?? e.url}:${e.lastLine ?? '?'} ${e.message} ${JSON.stringify(e.extract ?? '')}`);
    expect(named).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
