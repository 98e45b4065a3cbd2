'use client';

import { useActionState } from 'react';
import { changeRoleAction } from '@/lib/actions/users';
import { ROLES, type Role } from '@/lib/auth/permissions';
import type { FormState } from '@/lib/validations/form-state';
import { ROLE_LABELS } from '@/lib/auth/role-labels';

// One user's role on /admin/users: a select and Save, a plain form post without
// JavaScript (the answer comes back through the flash `role:<userId>`). `back` is the
// list's query string, so the answer returns to the same filters and page.
export function UserRoleForm({ userId, name, role, back, initialState }: { userId: string; name: string; role: Role; back: string; initialState: FormState }) {
  const [state, action, pending] = useActionState(changeRoleAction, initialState);
  // After a refusal the menu shows the role the user still has, not the one refused.
  const shown = state?.ok && state.values?.role ? state.values.role : role;
  const selectId = `role-${userId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="back" value={back} />
      <label htmlFor={selectId} className="sr-only">
        Role of {name}
      </label>
      <select key={shown} id={selectId} name="role" defaultValue={shown} className="rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
        <span className="sr-only"> role of {name}</span>
      </button>
      <p role="status" aria-live="polite" className={state?.ok ? 'w-full text-sm text-teal-800' : 'field-error w-full'}>
        {state?.message}
      </p>
    </form>
  );
}
