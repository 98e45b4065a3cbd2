'use client';

import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { deleteAccountAction } from '@/lib/actions/account-deletion';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

type Strings = Dictionary['myDataUi'];

// "Delete my account": a plain form post without JavaScript; a refusal comes back with its
// message and what was typed (the password excepted). `confirmWith` is what the account
// proves itself with: its password, its email typed again, or (no email) the box alone.
export function DeleteAccountForm({
  strings,
  confirmWith,
  initialState,
}: {
  strings: Strings;
  confirmWith: 'password' | 'email' | 'none';
  initialState: FormState;
}) {
  const [state, action, pending] = useActionState(deleteAccountAction, initialState);
  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage message={state?.ok ? undefined : state?.message} />
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" defaultChecked={v.confirm === 'on'} aria-invalid={e.confirm ? true : undefined} aria-describedby={e.confirm ? 'field-confirm-error' : undefined} />
          {strings.understand}
        </label>
        {e.confirm ? (
          <p id="field-confirm-error" className="field-error">
            {e.confirm}
          </p>
        ) : null}
      </div>
      {confirmWith === 'password' ? <FormField label={strings.password} name="password" type="password" autoComplete="current-password" error={e.password} /> : null}
      {confirmWith === 'email' ? <FormField label={strings.email} name="email" type="email" autoComplete="off" defaultValue={v.email ?? ''} error={e.email} /> : null}
      <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={pending}>
        {pending ? strings.pending : strings.submit}
      </button>
    </form>
  );
}
