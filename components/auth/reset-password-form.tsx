'use client';

import { useActionState } from 'react';
import { FormMessage, NewPasswordField } from '@/components/ui/form-field';
import { resetPasswordAction } from '@/lib/actions/password-reset';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

// The form of the page an emailed reset (or claim) link opens: the new password, and the
// link's token, which stands in for the old one. A username field (hidden, read-only) lets
// password managers file the new password under the right account.
export function ResetPasswordForm({
  token,
  email,
  minLength,
  passwordHint,
  strings,
  initialState = null,
}: {
  token: string;
  email: string;
  minLength: number;
  passwordHint: string;
  strings: Dictionary['passwordResetUi']['resetForm'];
  initialState?: FormState;
}) {
  const [state, action, pending] = useActionState(resetPasswordAction, initialState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <NewPasswordField label={strings.password} hint={passwordHint} minLength={minLength} error={state?.fieldErrors?.password} />
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
        {pending ? strings.pending : strings.submit}
      </button>
    </form>
  );
}
