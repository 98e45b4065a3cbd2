'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { signUpAction } from '@/lib/actions/auth';
import type { FormState } from '@/lib/validations/form-state';

export function SignUpForm({ callbackUrl, minLength, initialState = null }: { callbackUrl: string; minLength: number; initialState?: FormState }) {
  const [state, action, pending] = useActionState(signUpAction, initialState);
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField label="Name" name="name" autoComplete="name" required maxLength={50} defaultValue={v.name} error={state?.fieldErrors?.name} hint="Shown beside your comments." />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={v.email} error={state?.fieldErrors?.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        error={state?.fieldErrors?.password}
        hint={`At least ${minLength} characters; not a common password.`}
      />
      <button type="submit" className="btn-primary w-full" disabled={pending} aria-disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="text-sm text-neutral-700">
        Already have an account?{' '}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="btn-link">
          Sign in
        </Link>
      </p>
    </form>
  );
}
