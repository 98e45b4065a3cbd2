import { randomUUID } from 'node:crypto';
import type { APIResponse, Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { postRow, type PostStatus, type TestPost } from './posts';
import { captureFormPost, multipartFieldNames, replay, senderContext, type CapturedPost, type Sender } from './replay';
import { createUser, signInAs, type TestUser } from './users';

// The machinery of the admin authorization matrix (e2e/admin-authz-matrix.spec.ts for the
// posts, e2e/admin-authz-taxonomy-users.spec.ts for categories, tags and roles, and
// e2e/admin-authz-site-wide.spec.ts for the mutations that touch the whole site): who
// visits, whose post a cell acts on, the captures, and one cell run from a fresh target
// to what the database says afterwards.

export const VISITORS = [
  'anonymous',
  'forged session',
  'member',
  'contributor (own post)',
  'author (own post)',
  'author (another’s post)',
  'editor',
  'banned editor',
  'admin',
] as const;
export type Visitor = (typeof VISITORS)[number];

// Who may, from lib/auth/permissions.ts (the contributor and the first author act on posts of their own).
export const STAFF: readonly Visitor[] = ['contributor (own post)', 'author (own post)', 'author (another’s post)', 'editor', 'admin'];
export const EDITS_DRAFT: readonly Visitor[] = ['contributor (own post)', 'author (own post)', 'editor', 'admin'];
export const PUBLISHES: readonly Visitor[] = ['author (own post)', 'editor', 'admin'];
export const MANAGES_TAXONOMY: readonly Visitor[] = ['editor', 'admin'];
export const ADMINS: readonly Visitor[] = ['admin'];

/**
 * How a mutation reaches the server: the plain form post of a page without JavaScript
 * (proxy.ts answers it first under /admin), and the same form sent by the page's script
 * (a Next-Action request, which the proxy lets through: the action's own check is all
 * that stands). Each is captured from the page as it sends it.
 */
export const ROUTES = ['as a form posts it', 'as a script posts it'] as const;
export type Route = (typeof ROUTES)[number];

export async function userFor(visitor: Visitor): Promise<TestUser | null> {
  switch (visitor) {
    case 'anonymous':
    case 'forged session':
      return null;
    case 'member':
      return createUser();
    case 'contributor (own post)':
      return createUser({ role: 'CONTRIBUTOR' });
    case 'author (own post)':
    case 'author (another’s post)':
      return createUser({ role: 'AUTHOR' });
    case 'editor':
      return createUser({ role: 'EDITOR' });
    case 'banned editor':
      return createUser({ role: 'EDITOR', banned: true });
    case 'admin':
      return createUser({ role: 'ADMIN' });
  }
}

/** The author of the post a cell acts on: the visitor when the post is theirs, else a fresh author. */
export async function ownerFor(visitor: Visitor, user: TestUser | null): Promise<TestUser> {
  return user && (visitor === 'contributor (own post)' || visitor === 'author (own post)') ? user : createUser({ role: 'AUTHOR' });
}

export function senderFor(visitor: Visitor, user: TestUser | null): Sender {
  if (visitor === 'anonymous') return 'anonymous';
  if (visitor === 'forged session' || !user) return 'forged';
  return user;
}

export type Session = { browser: Browser; baseURL: string };

/** Sends `post` as `sender` (redirects not followed); returns "status location" for the messages. */
export async function send({ browser, baseURL }: Session, sender: Sender, post: CapturedPost): Promise<string> {
  const context = await senderContext(browser, baseURL, sender);
  try {
    const res: APIResponse = await replay(context, post);
    return `${res.status()} ${res.headers()['location'] ?? ''}`.trim();
  } finally {
    await context.close();
  }
}

/**
 * Captures the post `submit` makes on a freshly loaded `path`, and checks it is a server
 * action's: a plain form post, or with JavaScript on, the script's Next-Action request.
 */
export async function captureOn({ page, script }: { page: Page; script: boolean }, path: string, submit: () => Promise<void>): Promise<CapturedPost> {
  await page.goto(path);
  // Before hydration a click would post the plain form: wait until the page's scripts are in.
  if (script) await page.waitForLoadState('networkidle');
  const post = await captureFormPost(page, submit);
  if (script) {
    expect(post.headers['next-action'], `the script on ${path} calls a server action`).toMatch(/^[0-9a-f]{20,}$/);
  } else {
    expect(post.headers['content-type'], `the form on ${path} posts multipart`).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipartFieldNames(post).some((name) => name.startsWith('$ACTION_')), `the form on ${path} posts to a server action`).toBe(true);
  }
  return post;
}

export type CellInput = { visitor: Visitor; user: TestUser | null; owner: () => Promise<TestUser>; session: Session };
export type Cell = {
  /** The request that performs the mutation on this cell's fresh target. */
  post: CapturedPost;
  /** The target's state, read from the database. */
  state: () => Promise<string>;
  /** The state after an allowed cell. */
  expected: string;
  /** Puts back what an allowed cell changed, when others read it (site settings). */
  undo?: () => Promise<void>;
};

/** An admin's page, with JavaScript (`script`) or without, where a form is captured. */
export type Capture = { page: Page; script: boolean; admin: TestUser; baseURL: string };

/** One row of the matrix: one mutation. */
export type Mutation = {
  name: string;
  /** Who may (lib/auth/permissions.ts); every other visitor is refused. */
  allowed: readonly Visitor[];
  /** How it is sent (default: both ROUTES). */
  routes?: readonly Route[];
  /** The request as the page makes it, captured once per route. */
  capture: (on: Capture) => Promise<CapturedPost>;
  /** One cell: a fresh target, the captured request pointed at it, and its check. */
  cell: (captured: CapturedPost, input: CellInput) => Promise<Cell>;
};

export const marker = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

/** A post's state as one line: status, trash, version, title and body ("gone" once deleted). */
export async function rowState(id: string): Promise<string> {
  const row = await postRow(id);
  return row ? stateOf(row, row.status, row.version, row) : 'gone';
}
export const stateOf = (post: Pick<TestPost, 'title' | 'body'>, status: PostStatus, version: number, { trashed = false, title = post.title, body = post.body } = {}) =>
  `${status}${trashed ? ' in the trash' : ''} v${version}: ${title} | ${body}`;

/**
 * The matrix's tests: the captures (once per route, as an admin), then one test per
 * mutation that runs every visitor on every route, each on a fresh target.
 */
export function defineMatrix(mutations: readonly Mutation[]): void {
  const captured = new Map<string, CapturedPost>();
  const key = (m: Mutation, route: Route) => `${route}: ${m.name}`;

  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(180_000);
    const baseURL = testInfo.project.use.baseURL ?? '';
    const admin = await createUser({ role: 'ADMIN', name: 'Matrix Admin' });
    for (const route of ROUTES) {
      const script = route === 'as a script posts it';
      const context = await browser.newContext({ baseURL, javaScriptEnabled: script });
      try {
        await signInAs(context, admin, baseURL);
        const page = await context.newPage();
        for (const m of mutations) {
          if ((m.routes ?? ROUTES).includes(route)) captured.set(key(m, route), await m.capture({ page, script, admin, baseURL }));
        }
      } finally {
        await context.close();
      }
    }
  });

  for (const m of mutations) {
    test(`${m.name}: allowed for ${m.allowed.join(', ') || 'nobody'}; refused for everyone else`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      for (const route of m.routes ?? ROUTES) {
        const template = captured.get(key(m, route));
        if (!template) throw new Error(`${m.name} (${route}): not captured (beforeAll failed)`);
        for (const visitor of VISITORS) {
          const user = await userFor(visitor);
          const input: CellInput = { visitor, user, owner: () => ownerFor(visitor, user), session: { browser, baseURL: baseURL ?? '' } };
          await runCell(m.name, m.allowed.includes(visitor), route, input, await m.cell(template, input));
        }
      }
    });
  }
}

/** One cell: a fresh target, the post sent as the visitor, and the database's verdict (soft, so a row reports every cell). */
export async function runCell(name: string, allowed: boolean, route: Route, input: CellInput, cell: Cell): Promise<void> {
  const label = `${name} × ${input.visitor} (${route})`;
  const before = await cell.state();
  expect(before, `${label}: the state before is already the allowed outcome`).not.toBe(cell.expected);
  try {
    const answer = await send(input.session, senderFor(input.visitor, input.user), cell.post);
    const after = await cell.state();
    if (allowed) expect.soft(after, `${label} should succeed (answer: ${answer})`).toBe(cell.expected);
    else expect.soft(after, `${label} must change nothing (answer: ${answer})`).toBe(before);
  } finally {
    await cell.undo?.();
  }
}

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');

/** What the editor's upload widget (script only) posts: the image and its description. */
export function uploadRequest(baseURL: string, alt: string): CapturedPost {
  const boundary = `----matrix${randomUUID().replaceAll('-', '')}`;
  const part = (headers: string, content: Buffer | string) => [Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')];
  const body = Buffer.concat([
    ...part('Content-Disposition: form-data; name="file"; filename="dot.png"\r\nContent-Type: image/png', PNG),
    ...part('Content-Disposition: form-data; name="alt"', alt),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { url: new URL('/api/admin/media', baseURL).toString(), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: new URL(baseURL).origin }, body };
}
