'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ResendConfirmationForm } from '@/components/auth/resend-confirmation-form';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { signInAction } from '@/lib/actions/auth';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

// Email and password sign-in. A plain form post without JavaScript; with it, errors
// come back inline and the email stays as typed (without it, through `initialState`, from
// the flash the refused post left: lib/form-flash.ts). The right password for an account
// whose email is not confirmed yet brings a "Send a new link" form below.
export function SignInForm({
  callbackUrl,
  strings,
  initialState = null,
}: {
  callbackUrl: string;
  strings: Dictionary['accountUi']['signInForm'];
  initialState?: FormState;
}) {
  const [state, action, pending] = useActionState(signInAction, initialState);
  const v = state?.values ?? {};
  return (
    <>
      <form action={action} className="space-y-4" noValidate>
        <FormMessage message={state?.message} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormField label={strings.email} name="email" type="email" autoComplete="email" required defaultValue={v.email} error={state?.fieldErrors?.email} />
        <FormField label={strings.password} name="password" type="password" autoComplete="current-password" required error={state?.fieldErrors?.password} />
        <p className="text-sm">
          <Link href="/password/forgot" className="btn-link">
            {strings.forgotPassword}
          </Link>
        </p>
        <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
          {pending ? strings.pending : strings.submit}
        </button>
        <p className="text-sm text-neutral-700">
          {strings.newHere}{' '}
          <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="btn-link">
            {strings.createAccount}
          </Link>
        </p>
      </form>
      {v.resendToken ? <ResendConfirmationForm resendToken={v.resendToken} callbackUrl={callbackUrl} strings={strings.resend} /> : null}
    </>
  );
}
