'use server';

import { refresh } from 'next/cache';
import { isAdmin } from '@/lib/auth/permissions';
import { invalidate } from '@/lib/cache-invalidation';
import { changeUserRole } from '@/lib/dal/users-admin';
import { getViewer } from '@/lib/dal/users';
import { answerForm } from '@/lib/form-flash';
import type { Role } from '@/lib/auth/permissions';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { roleChangeSchema, userListHref, userListQuerySchema } from '@/lib/validations/users';

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

export async function changeRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['userId', 'role']);
  const key = `role:${(values.userId ?? '').slice(0, 40)}`;
  const answer = (state: NonNullable<FormState>) => answerForm(key, state, listPath(form));
  const viewer = await getViewer();
  if (!isAdmin(viewer)) return answer({ message: 'Only admins change roles.', values, status: 403 });
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return answer({ message: errors.userId ?? errors.role ?? 'Check the role.', fieldErrors: errors, values, status: 400 });
  }
  const result = await changeUserRole(viewer, parsed.data.userId, parsed.data.role);
  if (!result.ok) return answer({ message: result.message, values, status: result.status });
  if (result.tags.length) invalidate(...result.tags);
  // The list (and, for an admin who stepped down, the whole page) shows the new role.
  else refresh();
  const { name, role } = result.user;
  const message = result.previousRole === role ? `${name} is already ${A_ROLE[role]}.` : `${name} is now ${A_ROLE[role]} (was ${A_ROLE[result.previousRole]}).`;
  return answer({ ok: true, message, values });
}
