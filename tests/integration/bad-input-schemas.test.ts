import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type pg from 'pg';
import type { z } from 'zod';
import { signedTokenSchema } from '../../lib/auth/signed-token';
import { getDictionary, LOCALES } from '../../lib/i18n';
import { unsubscribeTokenSchema } from '../../lib/mail/unsubscribe';
import { authSchemas } from '../../lib/validations/auth';
import { commentSchemas, threadQuerySchema } from '../../lib/validations/comments';
import { listingParamsSchema, searchParamsSchema, slugSchema } from '../../lib/validations/listing';
import { mediaUploadSchema } from '../../lib/validations/media';
import { postInputSchema } from '../../lib/validations/posts';
import { settingsFormSchema } from '../../lib/validations/settings';
import { setupSchema } from '../../lib/validations/setup';
import { statsQuerySchema } from '../../lib/validations/stats';
import { categoryInputSchema, mergeTagsSchema, tagInputSchema, tagListParamsSchema, termIdSchema } from '../../lib/validations/taxonomy';
import { roleChangeSchema, userListQuerySchema } from '../../lib/validations/users';
import { parseViewBeacon } from '../../lib/validations/views.mjs';
import { everyStringStorable, hostileString } from '../fixtures/hostile-input';
import { pool } from './helpers/fixtures';

// Every schema at the edge (server actions, route handlers, page parameters), fuzzed with
// fast-check: whatever the input, parsing never throws, and whatever it accepts is text
// PostgreSQL stores unchanged (checked by a real round trip). The moderation and editor
// meta forms parse only ids and enums inside their 'use server' files; their text is
// covered through the schemas below. A fixed number of runs and a fixed seed: the same
// cases every time (set FC_SEED to try others).

const RUNS = 60;
const SEED = Number(process.env.FC_SEED ?? 16);
const ID = 'cm0abc123def456ghi789jkl';

let db: pg.Pool;
before(() => {
  db = pool();
});
after(async () => {
  await db.end();
});

/** The strings of accepted values, as PostgreSQL gives them back: any NUL fails the query, any lone surrogate comes back changed. */
async function assertStoredUnchanged(texts: string[]): Promise<void> {
  if (texts.length === 0) return;
  const { rows } = await db.query<{ t: string }>('SELECT unnest($1::text[]) AS t', [texts]);
  assert.deepEqual(
    rows.map((r) => r.t),
    texts,
  );
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Blob) && !(value instanceof Date)) for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** `neverStored`: fields only checked or hashed, never written as text (honeypot, password, where to go next, a token). */
type Case = { name: string; schema: z.ZodType; valid: Record<string, unknown>; neverStored?: string[] };

const en = getDictionary('en').validation;
const CASES: Case[] = [
  ...LOCALES.flatMap((locale): Case[] => {
    const v = getDictionary(locale).validation;
    const c = commentSchemas(v);
    const a = authSchemas(v);
    return [
      { name: `${locale} newComment`, schema: c.newComment, valid: { postId: ID, parentId: '', body: 'Nice post.', website: '' }, neverStored: ['website'] },
      { name: `${locale} editComment`, schema: c.editComment, valid: { commentId: ID, body: 'Edited.' } },
      { name: `${locale} report`, schema: c.report, valid: { commentId: ID, reason: 'Spam' } },
      { name: `${locale} signIn`, schema: a.signIn, valid: { email: 'a@example.test', password: 'correct horse battery', callbackUrl: '/' }, neverStored: ['password', 'callbackUrl'] },
      { name: `${locale} signUp`, schema: a.signUp, valid: { name: 'Ana', email: 'a@example.test', password: 'correct horse battery', callbackUrl: '/' }, neverStored: ['password', 'callbackUrl'] },
      { name: `${locale} profile`, schema: a.profile, valid: { name: 'Ana' } },
    ];
  }),
  { name: 'setup', schema: setupSchema, valid: { name: 'Admin', email: 'a@example.test', password: 'correct horse battery', token: 'x' }, neverStored: ['password', 'token'] },
  {
    name: 'post editor',
    schema: postInputSchema,
    valid: { title: 'T', slug: 'a-post', excerpt: 'E', body: '# Hi', coverImage: '', coverAlt: 'alt', seoTitle: 'S', seoDescription: 'D', categoryIds: [ID], tags: ['news'] },
  },
  {
    name: 'settings',
    schema: settingsFormSchema,
    valid: { siteName: 'Site', siteDescription: 'D', language: 'en', postsPerPage: '10', commentMaxDepth: '3', commentsPerPage: '50', commentEditMinutes: '15' },
  },
  { name: 'category', schema: categoryInputSchema, valid: { name: 'News', slug: 'news', description: 'D' } },
  { name: 'tag', schema: tagInputSchema, valid: { name: 'news', slug: '' } },
  { name: 'merge tags', schema: mergeTagsSchema, valid: { id: ID, into: 'news' } },
  { name: 'tag list', schema: tagListParamsSchema, valid: { q: 'ne', page: '2' } },
  { name: 'role change', schema: roleChangeSchema, valid: { userId: ID, role: 'EDITOR' } },
  { name: 'user list', schema: userListQuerySchema, valid: { q: 'ana', role: 'ADMIN', page: '1' } },
  { name: 'stats', schema: statsQuerySchema, valid: { period: '7', post: 'a-post' } },
  { name: 'comment thread', schema: threadQuerySchema, valid: { sort: 'top', page: '2' } },
  { name: 'listing', schema: listingParamsSchema, valid: { dir: 'back', page: '1' } },
  { name: 'search', schema: searchParamsSchema, valid: { q: 'pmo' } },
  { name: 'media upload', schema: mediaUploadSchema, valid: { file: new File([new Uint8Array([1, 2, 3])], 'a.png'), alt: 'A photo' } },
];

const keysOf = (c: Case) => Object.keys(c.valid).filter((k) => typeof c.valid[k] === 'string' || Array.isArray(c.valid[k]));

for (const c of CASES) {
  test(`${c.name}: hostile field values never throw, and what is accepted stores unchanged`, async () => {
    const accepted: string[] = [];
    const input = fc.tuple(fc.constantFrom(...keysOf(c)), hostileString(), fc.boolean()).map(([key, value, alone]) => {
      const fieldValue = Array.isArray(c.valid[key]) ? [value] : value;
      return alone ? { [key]: fieldValue } : { ...c.valid, [key]: fieldValue };
    });
    fc.assert(
      fc.property(input, (fields) => {
        const result = c.schema.safeParse(fields);
        if (result.success) {
          const stored = Object.fromEntries(Object.entries(result.data as object).filter(([k]) => !c.neverStored?.includes(k)));
          assert.ok(everyStringStorable(stored), JSON.stringify(fields).slice(0, 200));
          accepted.push(...stringsIn(stored));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await assertStoredUnchanged(accepted);
  });
}

test('single-value schemas (slugs, ids, tokens, beacons) never throw on hostile strings', () => {
  fc.assert(
    fc.property(hostileString(), (s) => {
      for (const schema of [slugSchema, termIdSchema, signedTokenSchema, unsubscribeTokenSchema]) {
        const result = schema.safeParse(s);
        if (result.success) assert.ok(everyStringStorable(result.data));
      }
      const beacon = parseViewBeacon(JSON.stringify({ postId: s }));
      if (beacon.ok) assert.ok(everyStringStorable(beacon.postId));
      assert.doesNotThrow(() => parseViewBeacon(s));
    }),
    { numRuns: RUNS * 4, seed: SEED },
  );
});

test('a NUL or a lone surrogate in a free-text field is refused with the field message of the language', () => {
  for (const locale of LOCALES) {
    const v = getDictionary(locale).validation;
    for (const bad of ['a\u0000b', 'half \uD83D emoji', 'low \uDE00 half']) {
      const comment = commentSchemas(v).newComment.safeParse({ postId: ID, body: bad });
      assert.equal(comment.success, false);
      assert.deepEqual(
        comment.error?.issues.map((i) => [i.path.join('.'), i.message]),
        [['body', v.unstorable]],
      );
      const name = authSchemas(v).profile.safeParse({ name: bad });
      assert.equal(name.error?.issues[0]?.message, v.unstorable);
    }
  }
  const post = postInputSchema.safeParse({ title: 'a\u0000', slug: 'a', tags: ['ok', 'b\uD800'] });
  assert.deepEqual(
    post.error?.issues.map((i) => [i.path[0], i.message]),
    [
      ['title', en.unstorable],
      ['tags', en.unstorable],
    ],
  );
  assert.equal(settingsFormSchema.safeParse({ siteName: '\u0000' }).error?.issues[0]?.message, en.unstorable);
  assert.equal(categoryInputSchema.safeParse({ name: 'x\uDFFF' }).error?.issues[0]?.message, en.unstorable);
});

test('the post body drops what cannot be stored instead (and keeps emoji, CRLF as LF)', () => {
  const parsed = postInputSchema.parse({ title: 'T', slug: 't', body: 'a\u0000b\uD800c 😀\r\nd' });
  assert.equal(parsed.body, 'abc 😀\nd');
});
