'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { updateProfileAction } from '@/lib/actions/profile';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

export function ProfileForm({ name, strings, initialState = null }: { name: string; strings: Dictionary['profileUi']['form']; initialState?: FormState }) {
  const [state, action, pending] = useActionState(updateProfileAction, initialState);
  return (
    <form action={action} className="space-y-3">
      <FormField label={strings.name} name="name" required maxLength={50} defaultValue={state?.values?.name ?? name} error={state?.fieldErrors?.name} hint={strings.hint} />
      <div aria-live="polite" role="status">
        {state?.message ? <p className={state.ok ? 'text-sm text-teal-800' : 'form-message'}>{state.message}</p> : null}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? strings.saving : strings.save}
      </button>
    </form>
  );
}
