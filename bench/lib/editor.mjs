// The post editor's requests, sent the way its script sends them: a POST to the editor's
// address with the Next-Action header and the arguments encoded by React's own
// encodeReply (the previous state and the form's fields), answered with an RSC stream
// whose row named by `"a":"$@n"` is the action's return value. Staff sessions are minted
// like e2e/helpers/users.ts signInAs does (next-auth's JWT, signed with the run's secret).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node.js');
const { extractInfoFromServerReferenceId, omitUnusedArgs } = require('next/dist/shared/lib/server-reference-info.js');

/** Action ids of the build (the ids the editor's script carries), by exported name. */
export function editorActionIds(root) {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8'));
  const ids = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.filename === 'lib/actions/admin-posts.ts') ids[entry.exportedName] = id;
  for (const name of ['createPostAction', 'savePostAction', 'trashPostAction']) if (!ids[name]) throw new Error(`bench: no ${name} in the build's server-reference-manifest.json`);
  return ids;
}

export async function withClient(databaseUrl, fn) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A staff account in the bench database and its session cookie. */
export async function createStaff(databaseUrl, authSecret, role) {
  const id = `b${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const name = `Bench ${role.toLowerCase()} ${id.slice(-4)}`;
  const email = `${id}@bench-staff.example`;
  await withClient(databaseUrl, (db) =>
    db.query('INSERT INTO users (id, email, name, role, email_verified, updated_at) VALUES ($1, $2, $3, $4, now(), now())', [id, email, name, role]),
  );
  const token = await encode({ token: { sub: id, name, email }, secret: authSecret, maxAge: 3600 });
  return { id, name, role, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Removes the account and everything it wrote (its posts, and its revisions of others' posts). */
export async function removeStaff(databaseUrl, staff) {
  await withClient(databaseUrl, async (db) => {
    await db.query('DELETE FROM post_revisions WHERE author_id = $1', [staff.id]);
    await db.query('DELETE FROM posts WHERE author_id = $1', [staff.id]);
    await db.query('DELETE FROM users WHERE id = $1', [staff.id]);
  });
}

/** The router state the editor's script sends for /admin/posts/<id> (without its prefetch hints). */
function routerState(postId) {
  const page = ['__PAGE__', {}];
  const tree = postId ? ['', { children: ['admin', { children: ['posts', { children: [['id', postId, 'd', null], { children: page }] }] }] }] : ['', { children: ['admin', { children: ['posts', { children: page }] }] }];
  return encodeURIComponent(JSON.stringify(tree));
}

// Row tags whose row is `<tag><hex length>,<bytes>` rather than a line (React's Flight
// client, processBinaryChunk): text (T) and typed arrays. A long string in the answer
// (a post's body) comes as a T row, with raw newlines and no newline of its own.
const SIZED_TAGS = new Set('TAObUSsLlGgMmV'.split('').map((c) => c.charCodeAt(0)));

/** The rows of an RSC answer, by id (hex), as text. */
export function rscRows(buf) {
  const rows = new Map();
  let i = 0;
  while (i < buf.length) {
    const colon = buf.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = buf.toString('latin1', i, colon);
    if (SIZED_TAGS.has(buf[colon + 1])) {
      const comma = buf.indexOf(0x2c, colon);
      const end = comma + 1 + parseInt(buf.toString('latin1', colon + 2, comma), 16);
      rows.set(id, buf.toString('utf8', comma + 1, end));
      i = end;
    } else {
      const newline = buf.indexOf(0x0a, colon);
      const end = newline < 0 ? buf.length : newline;
      rows.set(id, buf.toString('utf8', colon + 1, end));
      i = end + 1;
    }
  }
  return rows;
}

/** The action's return value from an RSC answer (row 0 names it `"a":"$@<id>"`), or null for an answer without one (a redirect). */
export function actionResult(buf) {
  const rows = rscRows(buf);
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get('0') ?? '')?.[1];
  const row = ref === undefined ? undefined : rows.get(ref);
  if (row === undefined) return null;
  // React's encoding of strings: `$$…` is a string starting with `$`, `$<id>` another row (a long text).
  return JSON.parse(row, (_key, value) => {
    if (typeof value !== 'string' || !value.startsWith('$')) return value;
    if (value.startsWith('$$')) return value.slice(1);
    if (value === '$undefined') return undefined;
    return /^\$[0-9a-f]+$/.test(value) && rows.has(value.slice(1)) ? rows.get(value.slice(1)) : value;
  });
}

/** Calls an action as the editor's script does; resolves { status, ms, result, redirect }. */
export async function callAction({ origin, cookie, actionId, args, postId }) {
  const body = await encodeReply(omitUnusedArgs(args, extractInfoFromServerReferenceId(actionId)));
  const page = postId ? `/admin/posts/${postId}` : '/admin/posts';
  const started = performance.now();
  const res = await fetch(`${origin}${page}`, {
    method: 'POST',
    headers: { accept: 'text/x-component', 'next-action': actionId, 'next-router-state-tree': routerState(postId), origin, cookie },
    body,
  });
  const answer = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${page} action answered ${res.status}: ${answer.toString('utf8', 0, 300)}`);
  return { status: res.status, ms, result: actionResult(answer), redirect: res.headers.get('x-action-redirect') };
}

/** The editor of one staff member: new draft, save (any intent, version-checked), trash. */
export function editorFor({ origin, staff, ids }) {
  const call = (actionId, args, postId) => callAction({ origin, cookie: staff.cookie, actionId, args, postId });
  return {
    async createDraft() {
      const { redirect } = await call(ids.createPostAction, []);
      const id = /^\/admin\/posts\/([a-z0-9]+)/.exec(redirect ?? '')?.[1];
      if (!id) throw new Error(`createPostAction redirected to ${redirect}`);
      return id;
    },
    /** `fields`: the form's fields (arrays for repeated names); `prev`: the editor's state (the last answer). */
    async save(postId, fields, intent, prev = null) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, String(v));
      form.set('intent', intent);
      const answer = await call(ids.savePostAction, [prev, form], postId);
      if (!answer.result) throw new Error(`savePostAction (${intent}) gave no state`);
      return { ms: answer.ms, state: answer.result };
    },
    async trash(postId) {
      const form = new FormData();
      form.set('id', postId);
      await call(ids.trashPostAction, [form], postId);
    },
  };
}

/** What the editor's form holds for a post, read as the editor page reads it. */
export async function editorFields(databaseUrl, postId, { withAuthor = false } = {}) {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query(
      `SELECT p.id, p.version, p.title, p.slug, p.body, p.excerpt, p.cover_image, p.cover_alt, p.seo_title, p.seo_description, p.author_id,
              ARRAY(SELECT category_id FROM post_categories WHERE post_id = p.id) AS category_ids,
              ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id) AS tag_names
         FROM posts p WHERE p.id = $1`,
      [postId],
    );
    const p = rows[0];
    if (!p) throw new Error(`bench: no post ${postId}`);
    return {
      id: p.id,
      version: p.version,
      title: p.title,
      slug: p.slug,
      body: p.body,
      excerpt: p.excerpt,
      coverImage: p.cover_image ?? '',
      coverAlt: p.cover_alt ?? '',
      categoryIds: p.category_ids,
      tags: p.tag_names.join(', '),
      ...(withAuthor ? { authorId: p.author_id } : {}),
      seoTitle: p.seo_title ?? '',
      seoDescription: p.seo_description ?? '',
    };
  });
}
