import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { withoutUnstorable } from './storable-text';
import { ID_PATTERN } from './ids.mjs';

// The users page (admins): its address-bar filters and the role form of each row.

export const USER_SEARCH_MAX_LENGTH = 100;

const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** ?q=&role=&page=: anything else falls back to "everyone, page 1" rather than an error. */
export const userListQuerySchema = z.object({
  q: z.preprocess(
    single,
    z
      .string()
      .default('')
      // Control characters (a NUL byte above all) mean nothing in a search and PostgreSQL refuses them.
      .transform((q) => withoutUnstorable(q.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, USER_SEARCH_MAX_LENGTH)).trim())
      .catch(''),
  ),
  role: z.preprocess(single, z.enum(ROLES).optional().catch(undefined)),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(10_000).catch(1)),
});

export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** The page's address for a query: the links, and where a role form comes back to. */
export function userListHref(query: UserListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.role) params.set('role', query.role);
  if (query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/admin/users?${search}` : '/admin/users';
}

export const roleChangeSchema = z.object({
  userId: z.string({ error: 'Unknown user.' }).regex(ID_PATTERN, 'Unknown user.'),
  role: z.enum(ROLES, { error: 'Choose one of the roles: member, contributor, author, editor or admin.' }),
});

export type RoleChange = z.infer<typeof roleChangeSchema>;
