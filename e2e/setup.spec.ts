import { setupToken } from '../lib/auth/setup-link.mjs';
import { expect, test } from './helpers/fixtures';
import { createUser } from './helpers/users';

// /setup on a site that already has an admin who can sign in: the shared e2e database
// always may (other specs make admins at any time, and this one makes sure). The page
// answers with real statuses from proxy.ts, before any render. The way in on a new site
// (form, sign-in, /admin) is tested by tests/integration/setup.test.ts and, through the
// plain form post a browser without JavaScript makes, by tests/start/start.test.mjs.

const token = () => {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('e2e: AUTH_SECRET is not set; run the e2e tests through `npm run test:e2e`');
  return setupToken(secret);
};

test.beforeAll(async () => {
  await createUser({ role: 'ADMIN' });
});

test('without the setup link’s token, /setup is a 403 that says where the link is', async ({ page }) => {
  for (const path of ['/setup', '/setup?token=not-the-token', `/setup?token=${token().slice(1)}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    expect(res?.headers()['cache-control'], path).toBe('private, no-store');
    await expect(page.getByRole('heading', { name: 'Open the setup link' })).toBeVisible();
    await expect(page.getByText('Open the setup link printed by npm start.')).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveCount(0);
  }
});

test('with the right token, /setup is a 404 once an admin can sign in', async ({ page, request }) => {
  const res = await page.goto(`/setup?token=${token()}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  // A form posted anyway (an old tab) is refused before the action runs.
  const post = await request.post(`/setup?token=${token()}`, { form: { name: 'Late', email: 'late@example.test', password: 'violet-harbor-lantern-42' }, maxRedirects: 0 });
  expect(post.status()).toBe(404);
});
