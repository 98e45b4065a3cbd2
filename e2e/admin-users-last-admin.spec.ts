import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs } from './helpers/users';

// The last admin who is not banned cannot step down. To be the last one, the test bans
// every other admin for its duration (the seeded one and those other specs made), so it
// runs alone once every other spec has finished (the site-settings project).

test('the only admin cannot demote themself and is told why', async ({ page, context, baseURL }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const { rows } = await db().query<{ id: string }>(`UPDATE users SET banned_at = now() WHERE role = 'ADMIN' AND banned_at IS NULL AND id <> $1 RETURNING id`, [admin.id]);
  try {
    await signInAs(context, admin, baseURL ?? '');
    await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
    const role = page.getByLabel(`Role of ${admin.name}`);
    await role.selectOption('MEMBER');
    await page.getByRole('button', { name: `Save role of ${admin.name}` }).click();
    await expect(page.getByText('You are the last admin: make someone else an admin before you change your own role.')).toBeVisible();
    await expect(role).toHaveValue('ADMIN');
    const { rows: after } = await db().query<{ role: string }>('SELECT role FROM users WHERE id = $1', [admin.id]);
    expect(after[0]?.role).toBe('ADMIN');
    expect((await page.goto('/admin/users'))?.status()).toBe(200);
  } finally {
    await db().query('UPDATE users SET banned_at = NULL WHERE id = ANY($1)', [rows.map((r) => r.id)]);
  }
});
