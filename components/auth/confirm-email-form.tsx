'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-field';
import { confirmEmailAction } from '@/lib/actions/email-confirmation';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

// The one button of the page an emailed confirmation link opens: the click, not the
// visit, confirms the address and signs the reader in.
export function ConfirmEmailForm({
  token,
  strings,
  initialState = null,
}: {
  token: string;
  strings: Dictionary['accountUi']['confirmForm'];
  initialState?: FormState;
}) {
  const [state, action, pending] = useActionState(confirmEmailAction, initialState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state?.message} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
        {pending ? strings.pending : strings.submit}
      </button>
    </form>
  );
}
