'use client';

import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { forgotPasswordAction } from '@/lib/actions/password-reset';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

// "Forgot your password?": one email field. The answer is the same whether or not the
// address has an account; the email stays as typed (without JavaScript, through the flash).
export function ForgotPasswordForm({ strings, initialState = null }: { strings: Dictionary['passwordResetUi']['forgotForm']; initialState?: FormState }) {
  const [state, action, pending] = useActionState(forgotPasswordAction, initialState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <FormField label={strings.email} name="email" type="email" autoComplete="email" required defaultValue={state?.values?.email} error={state?.fieldErrors?.email} />
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
        {pending ? strings.pending : strings.submit}
      </button>
    </form>
  );
}
