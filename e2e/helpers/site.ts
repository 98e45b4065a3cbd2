// What the seed (prisma/seed.ts) puts in the database, as the e2e specs expect to find it.

export const SITE_NAME = 'seopmaspire';

export const SEED_SLUG = 'pmo-career-path-five-issues-connection-a-pmo';
export const SEED_PATH = `/post/${SEED_SLUG}`;
export const SEED_TITLE = 'PMO Career Path – five issues Connection a PMO';
export const SEED_EXCERPT =
  'All project management offices don’t seem to be created equal: five concerns that might discourage a project manager from a PMO role, and why they still give opportunities to grow.';
export const SEED_HEADINGS = [
  '1. The PMO could be a employees operate',
  '2. The main focus is on process and methodology',
  '3. PMO = Body Work',
  '4. Loss of PM delivery ability set',
  '5. The PMO is an element of a troubled program',
  'PMO Career Path Recommendation',
] as const;
/** A sentence of the seed article body (from the recommendation section). */
export const SEED_BODY_SENTENCE = 'A PMO role is often a very important stepping-stone';

export const POSTS_PER_PAGE = 9;
export const PUBLISHED_POSTS = 12;

/**
 * Posts that only one spec file ever opens in a browser or sends beacons for, so that
 * view-count assertions cannot be disturbed by another spec running in parallel.
 * Every other spec must leave these alone.
 */
export const VIEW_POSTS = {
  visitors: 'mentoring-new-project-managers',
  concurrency: 'status-reports-people-read',
  badBeacons: 'keyword-research-for-project-blogs',
} as const;

/**
 * A normal desktop Chrome user agent that no other test uses: views are deduplicated per
 * (address, user agent, day), so each test that expects a new view needs a new visitor.
 */
export function uniqueChromeUserAgent(): string {
  const build = Math.floor(Math.random() * 9000) + 1000;
  const patch = Math.floor(Math.random() * 900) + 100;
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${build}.${patch} Safari/537.36`;
}
