'use server';

import { isAdmin, type Role } from '@/lib/auth/permissions';
import { changeUserRole } from '@/lib/dal/users-admin';
import { roleChangeSchema, userListHref, userListQuerySchema } from '@/lib/validations/users';
import { formAction } from './form-action';

// The role form of each row of /admin/users. The DAL checks the role again on the rows it
// locks; this parses, calls it, and answers the row the form came from (its flash key is
// `role:<userId>`, so a plain form post finds its message on the right row).

const A_ROLE: Record<Role, string> = { MEMBER: 'a member', CONTRIBUTOR: 'a contributor', AUTHOR: 'an author', EDITOR: 'an editor', ADMIN: 'an admin' };

/** The list the form was on (filters and page), rebuilt from its parsed query: never an arbitrary address. */
function listPath(form: FormData): string {
  const back = form.get('back');
  const params = new URLSearchParams(typeof back === 'string' ? back.slice(0, 500) : '');
  return userListHref(userListQuerySchema.parse(Object.fromEntries(params)));
}

function rowKey(form: FormData): string {
  const userId = form.get('userId');
  return `role:${(typeof userId === 'string' ? userId : '').slice(0, 40)}`;
}

export const changeRoleAction = formAction(
  {
    key: rowKey,
    back: listPath,
    keep: ['userId', 'role'],
    can: (viewer) => (isAdmin(viewer) ? null : { message: 'Only admins change roles.', status: 403 }),
    schema: roleChangeSchema,
    invalid: (_t, errors) => errors.userId ?? errors.role ?? 'Check the role.',
  },
  async ({ viewer, input, values }) => {
    const result = await changeUserRole(viewer, input.userId, input.role);
    if (!result.ok) return result;
    const { name, role } = result.user;
    const message = result.previousRole === role ? `${name} is already ${A_ROLE[role]}.` : `${name} is now ${A_ROLE[role]} (was ${A_ROLE[result.previousRole]}).`;
    // The list (and, for an admin who stepped down, the whole page) shows the new role.
    return { ok: true, tags: result.tags, refresh: result.tags.length === 0, then: { answer: { ok: true, message, values } } };
  },
);
