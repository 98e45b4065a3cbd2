'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField, FormMessage, NewPasswordField } from '@/components/ui/form-field';
import { signUpAction } from '@/lib/actions/auth';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

export function SignUpForm({
  callbackUrl,
  minLength,
  strings,
  passwordHint,
  initialState = null,
}: {
  callbackUrl: string;
  minLength: number;
  strings: Dictionary['accountUi']['signUpForm'];
  passwordHint: string;
  initialState?: FormState;
}) {
  const [state, action, pending] = useActionState(signUpAction, initialState);
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField label={strings.name} name="name" autoComplete="name" required maxLength={50} defaultValue={v.name} error={state?.fieldErrors?.name} hint={strings.nameHint} />
      <FormField label={strings.email} name="email" type="email" autoComplete="email" required defaultValue={v.email} error={state?.fieldErrors?.email} />
      <NewPasswordField label={strings.password} hint={passwordHint} minLength={minLength} error={state?.fieldErrors?.password} />
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
        {pending ? strings.pending : strings.submit}
      </button>
      <p className="text-sm text-neutral-700">
        {strings.haveAccount}{' '}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="btn-link">
          {strings.signIn}
        </Link>
      </p>
    </form>
  );
}
