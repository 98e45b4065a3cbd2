'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-field';
import { resendConfirmationAction } from '@/lib/actions/email-confirmation';
import type { Dictionary } from '@/lib/i18n';

// "Send a new link", under the sign-in form once the right password met an unconfirmed
// account. The token from that sign-in stands in for the password.
export function ResendConfirmationForm({
  resendToken,
  callbackUrl,
  strings,
}: {
  resendToken: string;
  callbackUrl: string;
  strings: Dictionary['accountUi']['signInForm']['resend'];
}) {
  const [state, action, pending] = useActionState(resendConfirmationAction, null);
  return (
    <form action={action} className="space-y-2">
      <FormMessage message={state?.message} />
      <input type="hidden" name="resendToken" value={state?.values?.resendToken ?? resendToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <p className="text-sm text-neutral-700">
        {strings.noEmail}{' '}
        <button type="submit" className="btn-link" disabled={pending} aria-disabled={pending}>
          {pending ? strings.sending : strings.send}
        </button>
      </p>
    </form>
  );
}
