'use client';

import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { setupAction } from '@/lib/actions/setup';
import type { FormState } from '@/lib/validations/form-state';

// The first admin's name, email and password. A plain form post without JavaScript (a
// refusal comes back through the flash, lib/form-flash.ts); the token travels hidden.
export function SetupForm({ token, minLength, initialState = null }: { token: string; minLength: number; initialState?: FormState }) {
  const [state, action, pending] = useActionState(setupAction, initialState);
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <input type="hidden" name="token" value={token} />
      <FormField label="Name" name="name" autoComplete="name" required maxLength={50} defaultValue={v.name} error={state?.fieldErrors?.name} hint="Shown on your posts." />
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
        {pending ? 'Creating…' : 'Create admin account'}
      </button>
    </form>
  );
}
