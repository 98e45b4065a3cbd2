import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type pg from 'pg';
import { z } from 'zod';
import { getDictionary, LOCALES } from '../../lib/i18n';
import { apiCommentsQuerySchema, parseQuery } from '../../lib/validations/api';
import { cursorSchema, encodeCursor, listingParamsSchema, searchParamsSchema } from '../../lib/validations/listing';
import { MAX_BEACON_BYTES, parseViewBeacon } from '../../lib/validations/views.mjs';
import { clientAddress, isCountableAgent, isPrefetch } from '../../lib/views/visitor.mjs';
import { hostileString } from '../fixtures/hostile-input';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { anyText } from '../fuzz/inputs';
import { assertFuzz, describeInput } from '../fuzz/timed';

// The edges fuzzed (issue 15, item 5): every zod schema of lib/validations (found by
// reading the folder, so a new one is fuzzed without being listed), the view beacon's
// parser and the visitor checks, cursors through the data layer's keyset query, and
// search queries through the real full-text query on PostgreSQL. Nothing may throw but a
// validation refusal, and no case may take over 200 ms twice (tests/fuzz/timed.ts).
// tests/integration/bad-input-schemas.test.ts checks that what schemas accept stores unchanged.

const RUNS = 30;
let db: pg.Pool;
let postId: string;

before(async () => {
  db = pool();
  postId = (await createPost(db, await createAuthor(db), { title: 'Fuzz target', body: 'Words to find: lorem ipsum dolor.' })).id;
});
after(async () => {
  await db.end();
});

/** Every zod schema lib/validations exports, directly or from a per-language factory, in every language. */
async function everySchema(): Promise<{ name: string; schema: z.ZodType }[]> {
  const found: { name: string; schema: z.ZodType }[] = [];
  const collect = (name: string, value: unknown) => {
    if (value instanceof z.ZodType) found.push({ name, schema: value });
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) if (inner instanceof z.ZodType) found.push({ name: `${name}.${key}`, schema: inner });
  };
  for (const file of readdirSync('lib/validations').filter((f) => /\.(ts|mjs)$/.test(f))) {
    const exports = (await import(`../../lib/validations/${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function' && /Schemas?$/.test(name)) {
        for (const locale of LOCALES) {
          const dictionary = getDictionary(locale);
          // Factories take the language's validation messages, or (account deletion) its own section.
          const argument = name === 'accountDeletionSchema' ? dictionary.accountDeletionMessages : dictionary.validation;
          collect(`${file} ${name}(${locale})`, (value as (m: unknown) => unknown)(argument));
        }
      } else collect(`${file} ${name}`, value);
    }
  }
  return found;
}

/** Input for a schema: anything at all, or an object with its own keys holding hostile values. */
function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
  const value = fc.oneof(hostileString(), anyText, fc.array(hostileString(), { maxLength: 3 }), fc.anything());
  return keys.length === 0
    ? fc.oneof(value, fc.anything())
    : fc.oneof(fc.dictionary(fc.constantFrom(...keys), value), fc.anything(), value);
}

test('every zod schema of lib/validations: any input is accepted or refused, never a throw, never slow', async () => {
  const schemas = await everySchema();
  // A floor, so a change that stops finding them is noticed (comments, auth, posts, listing, api …).
  assert.ok(schemas.length >= 40, `found ${schemas.length} schemas: ${schemas.map((s) => s.name).join(', ')}`);
  for (const { name, schema } of schemas) {
    await assertFuzz(
      inputFor(schema),
      (input) => {
        const result = schema.safeParse(input);
        assert.equal(typeof result.success, 'boolean', name);
      },
      { runs: RUNS },
    );
  }
});

test('the view beacon: any body, pixel id, agent or address header is answered, never a throw', async () => {
  const beacon = fc.record({ body: fc.oneof(hostileString(), anyText, fc.json()), agent: hostileString(), purpose: hostileString(), forwarded: hostileString() });
  await assertFuzz(
    beacon,
    ({ body, agent, purpose, forwarded }) => {
      const parsed = parseViewBeacon(body);
      if (parsed.ok) assert.match(parsed.postId, /^[a-z0-9]{20,40}$/);
      else assert.ok(parsed.status === (Buffer.byteLength(body) > MAX_BEACON_BYTES ? 413 : 400), describeInput(body));
      assert.equal(typeof isCountableAgent(agent), 'boolean');
      assert.equal(typeof isPrefetch(purpose), 'boolean');
      assert.equal(typeof clientAddress(forwarded, '127.0.0.1'), 'string');
    },
    { runs: RUNS * 3 },
  );
});

/** Cursors as a client could send them: hostile strings, and well-formed ones around every edge of time and id. */
const cursorInput = fc.oneof(
  hostileString(),
  fc
    .record({
      publishedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString(30), fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-02-30T25:61:00Z')),
      id: fc.oneof(fc.stringMatching(/^[a-z0-9]{1,40}$/), hostileString(45)),
    })
    .map(encodeCursor),
);

test('cursors: parsed or refused, and any accepted cursor runs the keyset query without an error', async () => {
  await assertFuzz(
    fc.tuple(cursorInput, fc.constantFrom('oldest', 'newest', 'sideways'), fc.constantFrom('1', '50', '0', '-1', 'x')),
    async ([cursor, order, limit]) => {
      assert.equal(typeof listingParamsSchema.safeParse({ cursor, dir: 'back' }).success, 'boolean');
      const direct = cursorSchema.safeParse(cursor);
      const query = parseQuery(apiCommentsQuerySchema, new URLSearchParams({ cursor, order, limit }));
      if (!query.ok) return assert.ok(query.message.length > 0);
      assert.ok(direct.success, 'the API accepts only cursors the schema accepts');
      const { readThreadPage } = await import('../../lib/dal/api-queries');
      const page = await readThreadPage(postId, query.value.order, query.value.cursor ?? null, query.value.limit);
      assert.ok(Array.isArray(page.threads));
    },
    { runs: RUNS },
  );
});

test('search queries: any q and page is refused or searched on PostgreSQL without an error', async () => {
  const { querySearchPage } = await import('../../lib/dal/search-query');
  await assertFuzz(
    fc.record({ q: fc.oneof(hostileString(250), anyText.map((s) => s.slice(0, 250))), page: fc.oneof(fc.constantFrom('1', '2', '8', '9', '0', '01', '99999'), hostileString(6)) }),
    async (params) => {
      const parsed = searchParamsSchema.safeParse(params);
      if (!parsed.success) return;
      const result = await querySearchPage(parsed.data.q, parsed.data.page);
      assert.ok(result.total >= 0 && result.hits.length <= 20);
    },
    { runs: RUNS },
  );
});
