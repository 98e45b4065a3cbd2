import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Viewer } from '../../lib/dal/users';
import { getDictionary } from '../../lib/i18n';
import { settingsFormSchema } from '../../lib/validations/settings';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The comment settings of /admin/settings as the comment service and the data layer apply
// them: comments off refuses new ones (form and API share the service) and stores nothing;
// the edit window is the setting's, not a constant.
process.env.RATE_LIMIT_MULTIPLIER = '1000';
let createComment: (typeof import('../../lib/comments/service'))['createComment'];
let editOwnComment: (typeof import('../../lib/dal/comment-writes'))['editOwnComment'];
let commentEditWindowMs: (typeof import('../../lib/dal/settings'))['commentEditWindowMs'];

let db: pg.Pool;
let authorId: string;

before(async () => {
  ({ createComment } = await import('../../lib/comments/service'));
  ({ editOwnComment } = await import('../../lib/dal/comment-writes'));
  ({ commentEditWindowMs } = await import('../../lib/dal/settings'));
  db = pool();
  authorId = await createAuthor(db);
});
after(async () => {
  await db.end();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
});

async function reader(): Promise<Viewer> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Reader', 'MEMBER', now())`, [id, `${id}@example.test`]);
  return { id, name: 'Reader', email: null, image: null, role: 'MEMBER', banned: false, createdAt: new Date() };
}

async function commentAgedMinutes(postId: string, userId: string, minutes: number): Promise<string> {
  const id = `k${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(
    `INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at)
     VALUES ($1, $2, $3, 'first words', '<p>first words</p>', 'VISIBLE', now() - make_interval(mins => $4))`,
    [id, postId, userId, minutes],
  );
  return id;
}

const settings = (commentsEnabled: boolean) => ({ commentsEnabled, holdFirstComments: false, commentMaxDepth: 3 });

test('with comments off, a new comment or reply is refused in the site language and nothing is stored', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const parent = await commentAgedMinutes(post.id, me.id, 1);
  for (const [locale, message] of [['en', 'Comments are closed.'], ['es', 'Los comentarios están cerrados.']] as const) {
    const ctx = { settings: settings(false), t: getDictionary(locale), locale };
    const top = await createComment(me, { postId: post.id, body: 'hello' }, '203.0.113.40', ctx);
    assert.deepEqual(top, { ok: false, status: 403, message });
    const reply = await createComment(me, { postId: post.id, parentId: parent, body: 'hello' }, '203.0.113.40', ctx);
    assert.equal(!reply.ok && reply.status, 403);
  }
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [post.id]);
  assert.equal(rows[0]?.n, 1);
  const on = await createComment(me, { postId: post.id, body: 'hello again' }, '203.0.113.40', { settings: settings(true), t: getDictionary('en'), locale: 'en' as const });
  assert.equal(on.ok, true, JSON.stringify(on));
});

test('the edit window is the setting: 20-minute-old comment editable under 30 minutes, not under 15; 0 turns editing off', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const old = await commentAgedMinutes(post.id, me.id, 20);
  const edit = (id: string, minutes: number, body: string) =>
    editOwnComment({ id, authorId: me.id, body, bodyHtml: `<p>${body}</p>`, editWindowMs: commentEditWindowMs({ commentEditMinutes: minutes }) });

  assert.deepEqual(await edit(old, 15, 'too late'), { ok: false, status: 409, reason: 'editWindowClosed' });
  const inside = await edit(old, 30, 'still in time');
  assert.equal(inside.ok, true);
  const fresh = await commentAgedMinutes(post.id, me.id, 0);
  assert.deepEqual(await edit(fresh, 0, 'never'), { ok: false, status: 409, reason: 'editWindowClosed' });
  const { rows } = await db.query<{ id: string; body: string }>('SELECT id, body FROM comments WHERE post_id = $1 ORDER BY created_at', [post.id]);
  assert.deepEqual(rows.map((r) => r.body), ['still in time', 'first words']);
});

test('the settings form: an unticked box is off, the edit window is 0 to 1440 whole minutes', () => {
  const base = { siteName: 'Quire', language: 'en', postsPerPage: '9', commentMaxDepth: '3', commentsPerPage: '50' };
  const parsed = settingsFormSchema.parse({ ...base, commentEditMinutes: '0' });
  assert.deepEqual([parsed.commentsEnabled, parsed.holdFirstComments, parsed.commentEditMinutes], [false, false, 0]);
  assert.equal(settingsFormSchema.parse({ ...base, commentsEnabled: 'on', commentEditMinutes: '1440' }).commentsEnabled, true);
  for (const bad of ['-1', '1441', '2.5', 'soon', '']) {
    const r = settingsFormSchema.safeParse({ ...base, commentEditMinutes: bad });
    assert.equal(r.success, false, `edit window ${JSON.stringify(bad)}`);
  }
});
