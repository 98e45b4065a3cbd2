import { expect, test } from './helpers/fixtures';
import { jsonLdBlocks, nodeOfType } from './helpers/json-ld';
import { insertPost } from './helpers/posts';
import { createUser } from './helpers/users';

// A title that tries to leave the JSON-LD script: `</script>` ends a script element
// wherever it appears, and `<!--` followed by `<script` changes how the parser finds the
// end. Published (so it runs with the publishing specs), then read as a crawler reads it
// and opened in Chromium.

const HOSTILE = '</script><script>window.__jsonLdEscaped = 1</script><!--<script> & "quotes" done';

test('a post whose title holds </script> and <!-- keeps its JSON-LD whole and runs nothing', async ({ request, page }) => {
  const author = await createUser({ name: 'Escape Author' });
  const post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: HOSTILE });
  const response = await request.get(`/post/${post.slug}`);
  expect(response.status()).toBe(200);
  const html = await response.text();

  // The raw text never carries the title's markup; each block parses as JSON.
  expect(html).not.toContain('<script>window.__jsonLdEscaped');
  const blocks = jsonLdBlocks(html);
  expect(blocks).toHaveLength(2);
  for (const block of blocks) {
    expect(block).not.toMatch(/<|>/);
    expect(() => JSON.parse(block)).not.toThrow();
  }
  expect(nodeOfType(html, 'BlogPosting')?.headline).toBe(HOSTILE);
  const crumbs = (nodeOfType(html, 'BreadcrumbList')?.itemListElement ?? []) as { name: string }[];
  expect(crumbs.at(-1)?.name).toBe(HOSTILE);

  // In a browser: nothing ran, the page is whole, and the scripts hold the same data.
  await page.goto(`/post/${post.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE);
  const seen = await page.evaluate(() => ({
    escaped: (window as unknown as { __jsonLdEscaped?: number }).__jsonLdEscaped,
    headlines: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => (JSON.parse(s.textContent ?? '') as { headline?: string }).headline),
  }));
  expect(seen.escaped).toBeUndefined();
  expect(seen.headlines).toEqual([HOSTILE, undefined]);
  await expect(page.getByText('Log in to comment')).toBeVisible();
});
