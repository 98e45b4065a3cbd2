import type { APIResponse, BrowserContext } from '@playwright/test';
import { captureCommentForms, marker, type Templates } from './helpers/comment-forms';
import { insertComment } from './helpers/comment-rows';
import { expect, test } from './helpers/fixtures';
import { fromOrigin, replay, senderContext, uniqueAddress, withReplaced, type CapturedPost, type Sender } from './helpers/replay';
import { banOf, bodyOf, commentsWithBody, likesOf, postLikesOf, reportersOf, repliesWithBody, statusOf } from './helpers/matrix-state';
import { createUser, type TestUser } from './helpers/users';

// Who may change comments and like posts: every comment, moderation and post like
// mutation × every kind of visitor. The forms are captured once as their page posts them
// without JavaScript, then the same bytes are replayed with each visitor's cookies (the
// pages hide forms from those who may not use them; the actions must refuse them anyway).
// The database says what happened: an allowed cell changes the row as expected, a refused
// one leaves it exactly as it was, whatever the answer's status or body.

// Only this spec writes comments on this post (its hundreds of fixture comments would slow others' pages).
const SLUG = 'portfolio-reviews-without-pain';
const FOREIGN_ORIGIN = 'https://attacker.example';

// Contributors and authors are staff who write posts: for comments they are readers, and
// moderation is refused to them like to members.
const VISITORS = ['anonymous', 'forged session', 'member', 'another member', 'banned member', 'contributor', 'author', 'banned editor', 'editor', 'admin'] as const;
type Visitor = (typeof VISITORS)[number];

const WRITERS: Visitor[] = ['member', 'another member', 'contributor', 'author', 'editor', 'admin'];
const MODERATORS: Visitor[] = ['editor', 'admin'];

async function userFor(visitor: Visitor): Promise<TestUser | null> {
  switch (visitor) {
    case 'anonymous':
    case 'forged session':
      return null;
    case 'member':
    case 'another member':
      return createUser();
    case 'banned member':
      return createUser({ banned: true });
    case 'contributor':
      return createUser({ role: 'CONTRIBUTOR' });
    case 'author':
      return createUser({ role: 'AUTHOR' });
    case 'banned editor':
      return createUser({ role: 'EDITOR', banned: true });
    case 'editor':
      return createUser({ role: 'EDITOR' });
    case 'admin':
      return createUser({ role: 'ADMIN' });
  }
}

function senderFor(visitor: Visitor, user: TestUser | null): Sender {
  if (visitor === 'anonymous') return 'anonymous';
  if (visitor === 'forged session' || !user) return 'forged';
  return user;
}

// ── What the pages post (captured once per worker) ──────────────────────────────────

let templates: Templates | undefined;

function captured(): Templates {
  if (!templates) throw new Error('the form posts were not captured (beforeAll failed)');
  return templates;
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('e2e: no baseURL in the Playwright config');
  templates = await captureCommentForms(browser, baseURL, SLUG);
});

// ── The matrix ──────────────────────────────────────────────────────────────────────

type CellInput = { visitor: Visitor; user: TestUser | null; t: Templates };
type Cell = {
  /** Sends the mutation as the visitor (its context carries their cookies). */
  send: (context: BrowserContext) => Promise<APIResponse>;
  /** The row's state, read from the database. */
  state: () => Promise<string>;
  /** The state after an allowed cell. */
  expected: string;
};
type Row = { name: string; allowed: Visitor[]; setup: (input: CellInput) => Promise<Cell> };

/** The author of the comment an ownership cell acts on: the visitor for "member" (and the banned member, whose own comment it is), else someone else. */
async function ownerFor({ visitor, user }: CellInput): Promise<TestUser> {
  return (visitor === 'member' || visitor === 'banned member') && user ? user : createUser();
}

const id = (user: TestUser | null) => user?.id ?? '(nobody)';

const createRow = (name: string, origin?: string): Row => ({
  name,
  allowed: origin ? [] : WRITERS,
  setup: async ({ user, t }) => {
    const body = marker('create');
    const post = withReplaced(t.create, [[t.createBody, body]]);
    return { send: (c) => replay(c, origin ? fromOrigin(post, origin) : post), state: () => commentsWithBody(t.postId, body), expected: id(user) };
  },
});

const apiRow = (name: string, origin?: string): Row => ({
  name,
  allowed: origin ? [] : WRITERS,
  setup: async ({ user, t }) => {
    const body = marker('api');
    return {
      send: (c) =>
        c.request.post('/api/comments', {
          data: { postId: t.postId, body },
          headers: { origin: origin ?? new URL(t.create.url).origin, 'x-forwarded-for': uniqueAddress() },
          failOnStatusCode: false,
        }),
      state: () => commentsWithBody(t.postId, body),
      expected: id(user),
    };
  },
});

/** A moderation button replayed on a fresh comment in the state the button is for. */
const moderationRow = (name: string, pick: (t: Templates) => CapturedPost, from: 'VISIBLE' | 'HELD' | 'HIDDEN', to: string): Row => ({
  name,
  allowed: MODERATORS,
  setup: async ({ t }) => {
    const target = await insertComment({ postId: t.postId, authorId: (await createUser()).id, status: from });
    const template = pick(t);
    const templateId = template === t.unhide ? t.hidden : t.held;
    return { send: (c) => replay(c, withReplaced(template, [[templateId, target]])), state: () => statusOf(target), expected: to };
  },
});

const banRow = (name: string, target: () => Promise<TestUser>, allowed: Visitor[], ban = true): Row => ({
  name,
  allowed,
  setup: async ({ t }) => {
    const member = await target();
    const post = ban ? withReplaced(t.ban, [[t.heldAuthor, member.id]]) : withReplaced(t.unban, [[t.bannedAuthor, member.id]]);
    return { send: (c) => replay(c, post), state: () => banOf(member.id), expected: ban ? 'banned' : 'not banned' };
  },
});

const ROWS: Row[] = [
  createRow('comment (form)'),
  {
    name: 'reply (form)',
    allowed: WRITERS,
    setup: async ({ user, t }) => {
      const parent = await insertComment({ postId: t.postId, authorId: (await createUser()).id });
      const body = marker('reply');
      const post = withReplaced(t.reply, [[t.other, parent], [t.replyBody, body]]);
      return { send: (c) => replay(c, post), state: () => repliesWithBody(parent, body), expected: id(user) };
    },
  },
  {
    name: 'edit the member’s own comment (form)',
    allowed: ['member'],
    setup: async (input) => {
      const target = await insertComment({ postId: input.t.postId, authorId: (await ownerFor(input)).id, body: 'as first written' });
      const body = marker('edit');
      const post = withReplaced(input.t.edit, [[input.t.own, target], [input.t.editBody, body]]);
      return { send: (c) => replay(c, post), state: () => bodyOf(target), expected: body };
    },
  },
  {
    name: 'delete the member’s own comment (form)',
    allowed: ['member'],
    setup: async (input) => {
      const target = await insertComment({ postId: input.t.postId, authorId: (await ownerFor(input)).id });
      return { send: (c) => replay(c, withReplaced(input.t.delete, [[input.t.own, target]])), state: () => statusOf(target), expected: 'DELETED' };
    },
  },
  {
    name: 'like (form)',
    allowed: WRITERS,
    setup: async ({ user, t }) => {
      const target = await insertComment({ postId: t.postId, authorId: (await createUser()).id });
      return { send: (c) => replay(c, withReplaced(t.like, [[t.other, target]])), state: () => likesOf(target), expected: `1:${id(user)}` };
    },
  },
  {
    name: 'like the post (form)',
    allowed: WRITERS,
    setup: async ({ user, t }) => {
      const [count = '0', likers = ''] = (await postLikesOf(t.postId)).split(':');
      const expected = `${Number(count) + 1}:${[...likers.split(',').filter(Boolean), id(user)].sort().join(',')}`;
      return { send: (c) => replay(c, t.postLike), state: () => postLikesOf(t.postId), expected };
    },
  },
  {
    name: 'report (form)',
    allowed: WRITERS,
    setup: async ({ user, t }) => {
      const target = await insertComment({ postId: t.postId, authorId: (await createUser()).id });
      return { send: (c) => replay(c, withReplaced(t.report, [[t.other, target]])), state: () => reportersOf(target), expected: id(user) };
    },
  },
  apiRow('comment (POST /api/comments)'),
  moderationRow('approve a held comment (queue)', (t) => t.approve, 'HELD', 'VISIBLE'),
  moderationRow('hide a visible comment (queue)', (t) => t.hide, 'VISIBLE', 'HIDDEN'),
  moderationRow('unhide a hidden comment (queue)', (t) => t.unhide, 'HIDDEN', 'VISIBLE'),
  moderationRow('delete a visible comment (queue)', (t) => t.moderateDelete, 'VISIBLE', 'DELETED'),
  banRow('ban a member (queue)', () => createUser(), MODERATORS),
  banRow('unban a member (queue)', () => createUser({ banned: true }), MODERATORS, false),
  banRow('ban an editor (queue)', () => createUser({ role: 'EDITOR' }), []),
  banRow('ban an admin (queue)', () => createUser({ role: 'ADMIN' }), []),
  createRow(`comment (form) posted from ${FOREIGN_ORIGIN}`, FOREIGN_ORIGIN),
  apiRow(`comment (POST /api/comments) from ${FOREIGN_ORIGIN}`, FOREIGN_ORIGIN),
];

for (const row of ROWS) {
  test.describe(row.name, () => {
    for (const visitor of VISITORS) {
      const allowed = row.allowed.includes(visitor);
      test(`${visitor} → ${allowed ? 'allowed' : 'refused, nothing changes'}`, async ({ browser, baseURL }) => {
        const t = captured();
        const user = await userFor(visitor);
        const cell = await row.setup({ visitor, user, t });
        const before = await cell.state();
        expect(before, `${row.name} × ${visitor}: the state before differs from the allowed outcome`).not.toBe(cell.expected);

        const context = await senderContext(browser, baseURL ?? '', senderFor(visitor, user));
        let answer: string;
        try {
          const res = await cell.send(context);
          answer = `${res.status()} ${res.headers()['location'] ?? ''}`.trim();
        } finally {
          await context.close();
        }

        const after = await cell.state();
        if (allowed) expect(after, `${row.name} × ${visitor} should succeed (answer: ${answer})`).toBe(cell.expected);
        else expect(after, `${row.name} × ${visitor} must change nothing (answer: ${answer})`).toBe(before);
      });
    }
  });
}
