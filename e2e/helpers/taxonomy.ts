import { randomUUID } from 'node:crypto';
import { db } from './users';

// Categories and tags written straight into the test database (no post filed under them,
// so the blog's category menu never shows them), and read back as one line each.

export type TestTerm = { id: string; slug: string; name: string };

function newTerm(prefix: string, label: string): TestTerm {
  const hex = randomUUID().replaceAll('-', '');
  return { id: `${prefix}${hex.slice(0, 24)}`, slug: `matrix-${prefix}-${hex.slice(24)}`, name: `${label} ${hex.slice(24)}` };
}

export async function insertCategory(label = 'Matrix category'): Promise<TestTerm> {
  const term = newTerm('c', label);
  await db().query(`INSERT INTO categories (id, slug, name, description) VALUES ($1, $2, $3, 'Filed by the matrix.')`, [term.id, term.slug, term.name]);
  return term;
}

export async function insertTag(label = 'Matrix tag'): Promise<TestTerm> {
  const term = newTerm('t', label);
  await db().query('INSERT INTO tags (id, slug, name) VALUES ($1, $2, $3)', [term.id, term.slug, term.name]);
  return term;
}

/** A category as one line: name, address and description ("gone" once deleted). */
export async function categoryState(id: string): Promise<string> {
  const { rows } = await db().query<{ name: string; slug: string; description: string }>('SELECT name, slug, description FROM categories WHERE id = $1', [id]);
  const row = rows[0];
  return row ? categoryLine(row) : 'gone';
}
export const categoryLine = (c: { name: string; slug: string; description: string }) => `${c.name} at ${c.slug}: ${c.description}`;

/** A tag as one line: name and address ("gone" once deleted or merged away). */
export async function tagState(id: string): Promise<string> {
  const { rows } = await db().query<{ name: string; slug: string }>('SELECT name, slug FROM tags WHERE id = $1', [id]);
  const row = rows[0];
  return row ? tagLine(row) : 'gone';
}
export const tagLine = (t: { name: string; slug: string }) => `${t.name} at ${t.slug}`;

/** The tag an old tag address now leads to ("none" when it leads nowhere). */
export async function tagRedirect(slug: string): Promise<string> {
  const { rows } = await db().query<{ tagId: string | null }>(`SELECT tag_id AS "tagId" FROM taxonomy_redirects WHERE kind = 'tag' AND from_slug = $1`, [slug]);
  return rows[0]?.tagId ?? 'none';
}
