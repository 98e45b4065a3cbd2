import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Run through `npm run test:e2e`: scripts/test.mjs builds against a fresh seeded database and sets
// E2E_PORT, DATABASE_URL, SITE_URL and AUTH_SECRET. Run alone, it serves the existing build with .env.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium when installed (Playwright's download is not reachable on every machine).
// Headless Chromium says "HeadlessChrome", which the view counter rightly ignores as a bot.
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

const systemChromium = '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Chromium 14x preloads two WebUI omnibox popups for every window, each a renderer process of
        // its own: a headless context never shows one, and they made every new page ~40% slower here.
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      ],
    }
  : {};

const browser = { ...devices['Desktop Chrome'], userAgent, launchOptions };
const PUBLISHING = /(admin-(posts|posts-publication|settings|users|taxonomy|inline-images|authz-matrix|authz-taxonomy-users|import)|publish-failure|share-images|json-ld-escape|feeds-publish|api-v1|import-redirects|related-posts|post-likes|reader-pages-counts|moderation-reports-bans|stats)\.spec\.ts$/;
const CLUSTER = /cluster(-shared)?\.spec\.ts$/;
const SITE_WIDE = /(hardening|shared-cache|shared-cache-outage|spanish-accounts|admin-users-last-admin|admin-comment-settings|admin-trash|admin-authz-site-wide|icons-site-name)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Two workers, two Chromiums and the server share 2 cores: a signed-in post page with the
  // authorization matrix's ~300 fixture comments renders in seconds under that load (issue
  // 11 targets it), and a comment's round trip outlived the default 5 s wait in CI.
  timeout: 45_000,
  expect: { timeout: 10_000 },
  // scripts/test.mjs asks for a JSON report too (E2E_JSON_REPORT) and prints its failures and slowest files last.
  reporter: [['list'], ...(process.env.CI ? [] : [['html', { open: 'never' }] as const]), ...(process.env.E2E_JSON_REPORT ? [['json', { outputFile: process.env.E2E_JSON_REPORT }] as const] : [])],
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', testIgnore: [PUBLISHING, SITE_WIDE, CLUSTER], use: browser },
    // Specs that publish posts run after the rest: the reader specs count the seeded posts
    // (feeds, sitemap, pagination) and must not see posts appear while they run.
    { name: 'publishing', testMatch: PUBLISHING, dependencies: ['chromium'], use: browser },
    // Specs that change something site-wide (the language; comments on or off; who the admins are) or that measure
    // a burst's memory and waits (hardening: the password-hashing bound, idle connections) run alone, one
    // at a time, once every other spec has finished, so nothing another spec reads changes
    // under it. On their own: `node scripts/test.mjs e2e --no-deps e2e/spanish-accounts.spec.ts`.
    { name: 'site-settings', testMatch: SITE_WIDE, dependencies: ['chromium', 'publishing'], workers: 1, use: browser },
    // Two more production servers behind HAProxy and PgBouncer (e2e/cluster.spec.ts; with
    // Redis on a database of their own, e2e/cluster-shared.spec.ts), last and alone: they
    // add views and comments, and they take the cores.
    { name: 'cluster', testMatch: CLUSTER, dependencies: ['chromium', 'publishing', 'site-settings'], workers: 1 },
    // The README's screenshots (`npm run docs:screenshots`): never part of `npm test`.
    ...(process.env.DOCS_SCREENSHOTS === '1' ? [{ name: 'docs', testMatch: /\.shot\.ts$/, use: browser }] : []),
  ],
  webServer: {
    // What `npm start` serves: `next build` output under Next's production server, behind the microcache.
    command: 'node server/server.mjs',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      SITE_URL: process.env.SITE_URL ?? baseURL,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Tests stand in for a reverse proxy: each test context gets its own X-Forwarded-For
      // (e2e/helpers/fixtures.ts), so visitors and rate limits are per test.
      TRUST_PROXY: '1',
      // Children of 5 URLs, so the seeded site's sitemap index has several (e2e/helpers/sitemap.ts).
      SITEMAP_PAGE_SIZE: '5',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
