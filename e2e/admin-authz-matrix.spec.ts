import type { Page } from '@playwright/test';
import {
  captureOn,
  defineMatrix,
  EDITS_DRAFT,
  marker,
  PUBLISHES,
  rowState,
  STAFF,
  stateOf,
  uploadRequest,
  type Capture,
  type Mutation,
} from './helpers/admin-matrix';
import { expect, test } from './helpers/fixtures';
import { insertPost, insertRevision, type PostStatus, type TestPost } from './helpers/posts';
import { toPath, withFields, type CapturedPost } from './helpers/replay';
import { createUser, db, signInAs, type TestUser } from './helpers/users';

// Who may change what in the admin area: every admin mutation × every kind of visitor.
// Each form is captured once from an admin's page (the admin sees every form), as the
// page posts it without JavaScript and as its script sends it; the same bytes, pointed
// at a fresh target, are then replayed with each visitor's cookies. The plain post meets
// proxy.ts first; the script's request (Next-Action) passes the proxy, so there the
// action's own check is all that stands. The database says what happened: an allowed
// cell changes the row as expected, a refused one leaves it exactly as it was (version
// included), whatever the answer.
//
// A mutation is one entry of MUTATIONS: how to capture it, who may, and one cell's
// target and check. Runs with the publishing specs (allowed cells publish posts); the
// mutations that change the whole site (settings, emptying the trash) are in
// e2e/admin-authz-site-wide.spec.ts, which runs alone; categories, tags and users' roles
// in e2e/admin-authz-taxonomy-users.spec.ts.

/** The editor's form sent to `target`'s editor (its id, version and address; the author picker left out). */
const forPost = (captured: CapturedPost, target: TestPost, fields: Record<string, string> = {}) =>
  toPath(
    withFields(captured, { id: target.id, version: String(target.version), slug: target.slug, title: target.title, body: target.body, authorId: null, ...fields }),
    `/admin/posts/${target.id}`,
  );

/** Captures a button of the editor of a fresh template post of the admin's. */
function editorButton(button: string, status: PostStatus = 'DRAFT', before?: (page: Page) => Promise<void>) {
  return async (on: Capture) => {
    const { page } = on;
    const template = await insertPost({ authorId: on.admin.id, status });
    return captureOn(on, `/admin/posts/${template.id}`, async () => {
      await before?.(page);
      await page.getByRole('button', { name: button, exact: true }).click();
    });
  };
}

/** An editor button replayed on a fresh post of the owner's in `from`, which becomes `to` (a save, then the state change: two versions). */
const stateRow = (name: string, button: string, from: PostStatus, to: PostStatus, before?: (page: Page) => Promise<void>): Mutation => ({
  name,
  allowed: PUBLISHES,
  capture: editorButton(button, from === 'PUBLISHED' ? 'PUBLISHED' : 'DRAFT', before),
  cell: async (captured, { owner }) => {
    const target = await insertPost({ authorId: (await owner()).id, status: from });
    return { post: forPost(captured, target), state: () => rowState(target.id), expected: stateOf(target, to, 3) };
  },
});

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);
const MUTATIONS: Mutation[] = [
  {
    name: 'create a draft (New post)',
    allowed: STAFF,
    capture: (on) => captureOn(on, '/admin/posts', () => on.page.getByRole('button', { name: 'New post' }).click()),
    // The form carries nothing to mark a cell: count the visitor's drafts (nobody's for
    // anonymous and forged cells, who could only create a draft without an author).
    cell: async (captured, { user }) => {
      const state = async () => String((await db().query<{ n: number }>('SELECT count(*)::int AS n FROM posts WHERE author_id = $1', [user?.id ?? ''])).rows[0]?.n);
      return { post: captured, state, expected: '1' };
    },
  },
  {
    name: 'save a draft’s title and body',
    allowed: EDITS_DRAFT,
    capture: editorButton('Save draft'),
    cell: async (captured, { owner }) => {
      const target = await insertPost({ authorId: (await owner()).id });
      const title = marker('Saved title');
      const body = marker('Saved body');
      return { post: forPost(captured, target, { title, body }), state: () => rowState(target.id), expected: stateOf(target, 'DRAFT', 2, { title, body }) };
    },
  },
  stateRow('publish a draft', 'Publish now', 'DRAFT', 'PUBLISHED'),
  stateRow('schedule a draft', 'Schedule', 'DRAFT', 'SCHEDULED', (page) => page.getByLabel('Publish at (UTC)').fill(tomorrow())),
  stateRow('unpublish a published post', 'Unpublish (back to draft)', 'PUBLISHED', 'DRAFT'),
  {
    name: 'move a post to the trash',
    allowed: PUBLISHES,
    capture: editorButton('Move to trash'),
    cell: async (captured, { owner }) => {
      const target = await insertPost({ authorId: (await owner()).id });
      return { post: toPath(withFields(captured, { id: target.id }), `/admin/posts/${target.id}`), state: () => rowState(target.id), expected: stateOf(target, 'DRAFT', 2, { trashed: true }) };
    },
  },
  {
    name: 'restore a post from the trash',
    allowed: PUBLISHES,
    capture: async (on) => {
      const template = await insertPost({ authorId: on.admin.id, trashed: true });
      return captureOn(on, '/admin/posts?filter=trash', () => on.page.getByRole('row').filter({ hasText: template.title }).getByRole('button', { name: 'Restore' }).click());
    },
    cell: async (captured, { owner }) => {
      const target = await insertPost({ authorId: (await owner()).id, trashed: true });
      return { post: withFields(captured, { id: target.id }), state: () => rowState(target.id), expected: stateOf(target, 'DRAFT', 2) };
    },
  },
  {
    name: 'restore a revision',
    allowed: EDITS_DRAFT,
    capture: async (on) => {
      const template = await insertPost({ authorId: on.admin.id });
      await insertRevision(template, { title: 'An older title', body: 'An older body.' });
      return captureOn(on, `/admin/posts/${template.id}/history`, () => on.page.getByRole('button', { name: 'Restore this revision' }).click());
    },
    cell: async (captured, { owner }) => {
      const target = await insertPost({ authorId: (await owner()).id });
      const old = { title: marker('Revised title'), body: marker('Revised body') };
      const revisionId = await insertRevision(target, old);
      const post = toPath(withFields(captured, { id: target.id, revisionId, version: '1' }), `/admin/posts/${target.id}/history`);
      return { post, state: () => rowState(target.id), expected: stateOf(target, 'DRAFT', 2, old) };
    },
  },
  {
    name: 'upload an image (POST /api/admin/media)',
    allowed: STAFF,
    // A route handler: no page, no proxy.
    routes: ['as a script posts it'],
    capture: async ({ baseURL }) => uploadRequest(baseURL, 'template'),
    cell: async (captured, { user }) => {
      const alt = marker('Matrix upload');
      const state = async () => (await db().query<{ u: string }>('SELECT uploader_id AS u FROM media WHERE alt = $1', [alt])).rows.map((r) => r.u).join(',');
      return { post: withFields(captured, { alt }), state, expected: user?.id ?? '(nobody)' };
    },
  },
];

defineMatrix(MUTATIONS);

// ── The pages themselves (proxy.ts gives real statuses) ─────────────────────────────

test('the admin pages answer: anonymous 307 to sign in, member 403, contributor posts but not settings, author 404 on another’s post', async ({ browser, baseURL }) => {
  const [member, contributor, author, other] = await Promise.all([createUser(), createUser({ role: 'CONTRIBUTOR' }), createUser({ role: 'AUTHOR' }), createUser({ role: 'AUTHOR' })]);
  const [own, others] = await Promise.all([insertPost({ authorId: author.id }), insertPost({ authorId: other.id })]);
  const cases: [TestUser | null, string, number][] = [
    [null, '/admin/posts', 307],
    [member, '/admin/posts', 403],
    [contributor, '/admin/posts', 200],
    [contributor, '/admin/settings', 403],
    [contributor, '/admin/import', 403],
    [author, `/admin/posts/${own.id}`, 200],
    [author, `/admin/posts/${others.id}`, 404],
    [author, `/admin/posts/${others.id}/history`, 404],
  ];
  for (const [user, path, status] of cases) {
    const context = await browser.newContext({ baseURL });
    try {
      if (user) await signInAs(context, user, baseURL ?? '');
      const res = await context.request.get(path, { maxRedirects: 0, failOnStatusCode: false });
      const who = user?.role ?? 'anonymous';
      expect.soft(res.status(), `${who} at ${path}`).toBe(status);
      if (status === 307) expect.soft(res.headers()['location'], `${who} at ${path}`).toMatch(/\/signin\?callbackUrl=%2Fadmin%2Fposts$/);
    } finally {
      await context.close();
    }
  }
});
