import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { SIGNABLE_ADMIN } from '../../../lib/auth/setup-link.mjs';

// The first-admin tests need a site where no admin can sign in, in a database the other
// test files share (they run one after another): admins who can sign in are made editors
// for the test and admins again after it.

export async function openSetup(db: pg.Pool): Promise<() => Promise<void>> {
  const { rows } = await db.query<{ id: string }>(`UPDATE users SET role = 'EDITOR' WHERE ${SIGNABLE_ADMIN} RETURNING id`);
  const ids = rows.map((r) => r.id);
  return async () => {
    await db.query(`UPDATE users SET role = 'ADMIN' WHERE id = ANY($1)`, [ids]);
  };
}

export async function insertUser(
  db: pg.Pool,
  fields: { role: string; email?: string; passwordHash?: string | null; banned?: boolean; provider?: boolean },
): Promise<{ id: string; email: string }> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const email = fields.email ?? `${id}@example.test`;
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, banned_at, updated_at) VALUES ($1, $2, 'Someone', $3, $4, $5, now())`,
    [id, email, fields.role, fields.passwordHash === undefined ? '$argon2id$fake' : fields.passwordHash, fields.banned ? new Date() : null],
  );
  if (fields.provider) {
    await db.query(`INSERT INTO accounts (id, user_id, type, provider, provider_account_id) VALUES ($1, $2, 'oauth', 'oidc', $1)`, [`a${id}`, id]);
  }
  return { id, email };
}

export async function roleOf(db: pg.Pool, email: string): Promise<string | null> {
  const { rows } = await db.query<{ role: string }>('SELECT role FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0]?.role ?? null;
}
