import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type pg from 'pg';
import { openDatabase } from './fixtures';
import { runDueJobs } from './jobs';
import { addressedTo, startSmtpSink, type SmtpSink } from './smtp';

// Accounts and the emails they are sent (password resets, account claims), against a real
// PostgreSQL and a real SMTP server in the test process. lib/env.ts reads the environment
// once, so lib modules are imported only after `startAccountMail` has set SMTP_URL.

export type AccountMail = { sql: pg.Pool; sink: SmtpSink; stop(): Promise<void> };

/** The SMTP sink, mail on, the rate limits as in production, and a pool; `stop` closes it all. */
export async function startAccountMail(): Promise<AccountMail> {
  const sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  process.env.MAIL_FROM = 'Quire <no-reply@quire.test>';
  delete process.env.RATE_LIMIT_MULTIPLIER;
  const { sql, close } = await openDatabase();
  async function stop() {
    await close();
    await sink.close();
  }
  return { sql, sink, stop };
}

export const SITE_NAME = 'Test Site';
export const OLD_PASSWORD = 'the old password 1';

const tag = () => randomUUID().replaceAll('-', '').slice(0, 12);
export const newEmail = (prefix: string) => `${prefix}.${tag()}@example.test`;
/** A network of its own per test, so the per-network limit of one test never refuses another's request. */
export const newIp = () => `198.51.100.${tag()}`;

type Fields = { passwordHash?: string | null; role?: string; banned?: boolean; name?: string; verified?: boolean };

/** An account (by default a member with OLD_PASSWORD and an unproven address). */
export async function insertUser(sql: pg.Pool, email: string, fields: Fields = {}): Promise<string> {
  const { hashPassword } = await import('../../../lib/auth/password');
  const id = `u${tag()}${tag()}`;
  await sql.query(`INSERT INTO users (id, email, name, role, password_hash, banned_at, email_verified, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`, [
    id,
    email,
    fields.name ?? 'Pat Person',
    fields.role ?? 'MEMBER',
    fields.passwordHash === undefined ? await hashPassword(OLD_PASSWORD) : fields.passwordHash,
    fields.banned ? new Date() : null,
    fields.verified ? new Date('2026-01-01T00:00:00Z') : null,
  ]);
  return id;
}

/** An account as lib/dal/import-people.ts makes it: a name, an address, a role, no password or provider. */
export const insertImported = (sql: pg.Pool, email: string, role = 'AUTHOR') => insertUser(sql, email, { passwordHash: null, role, name: 'Imported Ida' });

/** "Forgot your password?" for `email`, from the network `ip`. */
export async function requestReset(email: string, ip = newIp()) {
  const { requestPasswordReset } = await import('../../../lib/auth/password-reset');
  return requestPasswordReset({ email, ip, siteName: SITE_NAME, locale: 'en' });
}

/** What the job worker does: sends the queued account emails. */
export const sendQueued = () => runDueJobs(['account_email']);

export function mailsTo(sink: SmtpSink, to: string): ParsedMail[] {
  return addressedTo(sink.messages, to);
}

/** The token of the reset (or claim) link a mail carries. */
export function tokenIn(mail: ParsedMail | undefined): string {
  const match = /http:\/\/localhost:3000\/password\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
  assert.ok(match, `a reset link in: ${mail?.text}`);
  return match[1] ?? '';
}

export type UserRow = { password_hash: string | null; email_verified: Date | null; session_version: number; role: string; banned_at: Date | null };

export async function userRow(sql: pg.Pool, id: string): Promise<UserRow> {
  const { rows } = await sql.query<UserRow>('SELECT password_hash, email_verified, session_version, role, banned_at FROM users WHERE id = $1', [id]);
  assert.ok(rows[0], `user ${id}`);
  return rows[0];
}
