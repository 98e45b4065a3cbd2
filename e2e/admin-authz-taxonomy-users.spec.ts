import { ADMINS, captureOn, defineMatrix, MANAGES_TAXONOMY, marker, type Capture, type Mutation } from './helpers/admin-matrix';
import { toPath, withFields } from './helpers/replay';
import { categoryLine, categoryState, insertCategory, insertTag, tagLine, tagRedirect, tagState, type TestTerm } from './helpers/taxonomy';
import { createUser, db } from './helpers/users';

// The admin authorization matrix (e2e/admin-authz-matrix.spec.ts explains it) for the
// categories and tags (/admin/taxonomy: editors and admins) and the users' roles
// (/admin/users: admins only). Every cell acts on rows of its own, written straight into
// the database: a category or tag no post is filed under (the blog menu never shows it),
// or a fresh member. Runs with the publishing specs.

/** Captures `submit` on the admin page of a fresh template term. */
function onTermPage(kind: 'categories' | 'tags', submit: (on: Capture, template: TestTerm) => Promise<void>) {
  return async (on: Capture) => {
    const template = kind === 'categories' ? await insertCategory() : await insertTag();
    return captureOn(on, `/admin/taxonomy/${kind}/${template.id}`, () => submit(on, template));
  };
}

/** Deleting is behind a <details> the editor opens first (no script needed). */
const deleteButton = (kind: 'category' | 'tag') => async ({ page }: Capture, template: TestTerm) => {
  await page.getByText(`Delete this ${kind}…`).click();
  await page.getByRole('button', { name: `Delete “${template.name}”` }).click();
};

const slugOf = (label: string) => marker(label).toLowerCase().replaceAll(' ', '-');

async function roleOf(id: string): Promise<string> {
  const { rows } = await db().query<{ role: string }>('SELECT role FROM users WHERE id = $1', [id]);
  return rows[0]?.role ?? 'gone';
}

const MUTATIONS: Mutation[] = [
  {
    name: 'create a category',
    allowed: MANAGES_TAXONOMY,
    capture: async (on) =>
      captureOn(on, '/admin/taxonomy', async () => {
        await on.page.getByLabel('Name').fill('A template category');
        await on.page.getByRole('button', { name: 'Create category' }).click();
      }),
    // The cell's address is its mark: no category has it before.
    cell: async (captured) => {
      const fields = { name: marker('Matrix category'), slug: slugOf('matrix-new'), description: 'Created by the matrix.' };
      const state = async () => {
        const { rows } = await db().query<{ id: string }>('SELECT id FROM categories WHERE slug = $1', [fields.slug]);
        return rows[0] ? categoryState(rows[0].id) : 'none';
      };
      return { post: withFields(captured, fields), state, expected: categoryLine(fields) };
    },
  },
  {
    name: 'edit a category’s name, address and description',
    allowed: MANAGES_TAXONOMY,
    capture: onTermPage('categories', ({ page }) => page.getByRole('button', { name: 'Save category' }).click()),
    cell: async (captured) => {
      const target = await insertCategory();
      const fields = { name: marker('Renamed category'), slug: slugOf('matrix-renamed'), description: marker('Described by the matrix') };
      const post = toPath(withFields(captured, { id: target.id, ...fields }), `/admin/taxonomy/categories/${target.id}`);
      return { post, state: () => categoryState(target.id), expected: categoryLine(fields) };
    },
  },
  {
    name: 'delete a category',
    allowed: MANAGES_TAXONOMY,
    capture: onTermPage('categories', deleteButton('category')),
    cell: async (captured) => {
      const target = await insertCategory();
      return { post: toPath(withFields(captured, { id: target.id }), `/admin/taxonomy/categories/${target.id}`), state: () => categoryState(target.id), expected: 'gone' };
    },
  },
  {
    name: 'edit a tag’s name and address',
    allowed: MANAGES_TAXONOMY,
    capture: onTermPage('tags', ({ page }) => page.getByRole('button', { name: 'Save tag' }).click()),
    cell: async (captured) => {
      const target = await insertTag();
      const fields = { name: marker('Renamed tag'), slug: slugOf('matrix-renamed') };
      return { post: toPath(withFields(captured, { id: target.id, ...fields }), `/admin/taxonomy/tags/${target.id}`), state: () => tagState(target.id), expected: tagLine(fields) };
    },
  },
  {
    name: 'merge a tag into another',
    allowed: MANAGES_TAXONOMY,
    capture: onTermPage('tags', async ({ page }, template) => {
      await page.getByRole('combobox', { name: 'Merge into' }).fill((await insertTag()).slug);
      await page.getByRole('button', { name: `Merge “${template.name}”` }).click();
    }),
    // Merged: the source is gone and its address leads to the target.
    cell: async (captured) => {
      const [source, target] = await Promise.all([insertTag(), insertTag()]);
      const state = async () => `${await tagState(source.id)}; its address leads to ${await tagRedirect(source.slug)}`;
      const post = toPath(withFields(captured, { id: source.id, into: target.slug }), `/admin/taxonomy/tags/${source.id}`);
      return { post, state, expected: `gone; its address leads to ${target.id}` };
    },
  },
  {
    name: 'delete a tag',
    allowed: MANAGES_TAXONOMY,
    capture: onTermPage('tags', deleteButton('tag')),
    cell: async (captured) => {
      const target = await insertTag();
      return { post: toPath(withFields(captured, { id: target.id }), `/admin/taxonomy/tags/${target.id}`), state: () => tagState(target.id), expected: 'gone' };
    },
  },
  {
    name: 'change a user’s role',
    allowed: ADMINS,
    // The list filtered to the template user, so other specs' new users cannot push it off the page.
    capture: async (on) => {
      const template = await createUser();
      return captureOn(on, `/admin/users?q=${encodeURIComponent(template.email)}`, async () => {
        await on.page.getByLabel(`Role of ${template.name}`).selectOption('EDITOR');
        await on.page.getByRole('button', { name: `Save role of ${template.name}` }).click();
      });
    },
    cell: async (captured) => {
      const target = await createUser();
      return { post: withFields(captured, { userId: target.id, role: 'AUTHOR' }), state: () => roleOf(target.id), expected: 'AUTHOR' };
    },
  },
];

defineMatrix(MUTATIONS);
