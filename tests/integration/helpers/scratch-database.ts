import { randomBytes } from 'node:crypto';
import { copyDatabase } from '../../../scripts/lib/copy-database.mjs';

/**
 * A migrated, empty database besides this file's own, named `<this file's database>_<label>_<random>`:
 * a copy of the run's template when scripts/test.mjs made one (QUIRE_TEST_TEMPLATE), else
 * created and migrated. `drop` removes it (kept with KEEP_TEST_DB).
 */
export async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { dropDatabase, ensureDatabase, migrate } = await import('../../../scripts/db.mjs');
  const own = new URL(process.env.DATABASE_URL ?? '');
  const name = `${own.pathname.slice(1)}_${label}_${randomBytes(3).toString('hex')}`.slice(0, 63);
  const template = process.env.QUIRE_TEST_TEMPLATE;
  let url: string;
  if (template) {
    url = await copyDatabase(template, name);
  } else {
    own.pathname = `/${name}`;
    url = own.toString();
    await ensureDatabase(url);
    await migrate(url);
  }
  return { url, drop: () => (process.env.KEEP_TEST_DB ? Promise.resolve() : dropDatabase(url)) };
}
