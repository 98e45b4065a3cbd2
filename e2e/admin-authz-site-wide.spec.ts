import { ADMINS, captureOn, defineMatrix, marker, rowState, send, type Mutation } from './helpers/admin-matrix';
import { expect } from './helpers/fixtures';
import { insertPost } from './helpers/posts';
import { withFields } from './helpers/replay';
import { createUser, db } from './helpers/users';

// The admin authorization matrix (e2e/admin-authz-matrix.spec.ts explains it) for the
// mutations that change the whole site: the site settings, and emptying the trash (it
// deletes every trashed post, other specs' too). It runs with the site-wide specs, alone.

async function siteDescription(): Promise<string> {
  const { rows } = await db().query<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'siteDescription'`);
  return String(rows[0]?.value ?? '');
}

const MUTATIONS: Mutation[] = [
  {
    name: 'save the site settings',
    allowed: ADMINS,
    capture: (on) => captureOn(on, '/admin/settings', () => on.page.getByRole('button', { name: 'Save settings' }).click()),
    // The description is the cell's mark; the other fields go as the page showed them. An
    // allowed cell's change is put back for the specs that run next.
    cell: async (captured, { session }) => {
      const original = await siteDescription();
      const description = marker('Described by the matrix');
      return {
        post: withFields(captured, { siteDescription: description }),
        state: siteDescription,
        expected: description,
        undo: async () => {
          if ((await siteDescription()) !== description) return;
          const answer = await send(session, await createUser({ role: 'ADMIN' }), withFields(captured, { siteDescription: original }));
          expect(await siteDescription(), `putting the description back (answer: ${answer})`).toBe(original);
        },
      };
    },
  },
  {
    name: 'empty the trash',
    allowed: ADMINS,
    capture: async (on) => {
      // The form shows only when something is in the trash.
      await insertPost({ authorId: on.admin.id, trashed: true });
      return captureOn(on, '/admin/posts?filter=trash', async () => {
        await on.page.getByText('Empty the trash…').click();
        await on.page.getByRole('button', { name: 'Delete the posts in the trash for good' }).click();
      });
    },
    cell: async (captured, { owner }) => {
      const target = await insertPost({ authorId: (await owner()).id, trashed: true });
      return { post: captured, state: () => rowState(target.id), expected: 'gone' };
    },
  },
];

defineMatrix(MUTATIONS);
