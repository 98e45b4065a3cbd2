// The committed migrations build the whole schema on an empty database, through the offline
// schema engine, and leave nothing for `migrate status` or `migrate diff` to report.
// Run: node --import tsx --test tests/integration/migrations.test.ts
// Server: TEST_DATABASE_URL (any database on it, e.g. postgresql://postgres@127.0.0.1:5432/postgres).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase, migrate } from '../../scripts/db.mjs';
import { runPrisma } from '../../scripts/prisma.mjs';

const EXPECTED_TABLES = [
  '_prisma_migrations',
  'accounts',
  'categories',
  'comment_likes',
  'comment_reports',
  'comments',
  'form_flashes',
  'import_files',
  'import_runs',
  'import_sources',
  'legacy_paths',
  'media',
  'media_blobs',
  'password_resets',
  'post_categories',
  'post_likes',
  'post_redirects',
  'post_revisions',
  'post_tags',
  'post_view_days',
  'post_view_events',
  'post_view_windows',
  'posts',
  'rate_limits',
  'reply_notifications',
  'sessions',
  'settings',
  'site_comment_days',
  'site_view_days',
  'tags',
  'taxonomy_redirects',
  'users',
  'verification_tokens',
  'view_salts',
  'view_window_state',
];

function scratchUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/quire_test_migrations_${Date.now()}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

type CliResult = { status: number | null; stdout: string; stderr: string };
const prisma = (args: string[], databaseUrl: string): CliResult =>
  runPrisma(args, { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' });

test('migrations build the schema on a fresh database and leave no drift', async (t) => {
  const databaseUrl = scratchUrl();
  assert.equal(await ensureDatabase(databaseUrl), true, 'the scratch database should be new');
  t.after(() => dropDatabase(databaseUrl));

  const output: string = await migrate(databaseUrl);
  assert.match(output, /All migrations have been successfully applied/);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    assert.deepEqual(
      tables.rows.map((r) => r.table_name),
      EXPECTED_TABLES,
    );

    const migrations = await client.query<{ failed: number; applied: number }>(
      'SELECT count(*) FILTER (WHERE finished_at IS NULL)::int AS failed, count(*)::int AS applied FROM _prisma_migrations',
    );
    assert.equal(migrations.rows[0]?.failed, 0, 'no migration may be left unfinished');
    assert.ok((migrations.rows[0]?.applied ?? 0) >= 1, 'at least the init migration is recorded');

    const search = await client.query<{ data_type: string }>(
      "SELECT udt_name AS data_type FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'search'",
    );
    assert.equal(search.rows[0]?.data_type, 'tsvector');
  } finally {
    await client.end();
  }

  const status = prisma(['migrate', 'status'], databaseUrl);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /Database schema is up to date!/);

  // Drift between the migrations and schema.prisma: the engine replays them on a shadow database.
  const diff = prisma(
    ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
    databaseUrl,
  );
  assert.equal(diff.status, 0, `migrate diff found drift or failed:\n${diff.stdout}\n${diff.stderr}`);
  assert.match(diff.stdout, /No difference detected/);
});
