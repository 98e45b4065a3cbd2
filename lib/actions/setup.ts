'use server';

import { redirect } from 'next/navigation';
import { setUpFirstAdmin } from '@/lib/auth/first-admin';
import { startSession } from '@/lib/auth/session';
import { answerForm } from '@/lib/form-flash';
import { clientIp } from '@/lib/request';
import type { FormState } from '@/lib/validations/form-state';

/** /setup: creates the first admin, signs them in and opens the admin area. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const outcome = await setUpFirstAdmin(form, await clientIp());
  if (!outcome.ok) {
    // Someone finished setup first: /setup is a 404 now, so a plain form post goes to sign in.
    if (outcome.state.status === 410) return answerForm('signin', { message: outcome.state.message }, '/signin?callbackUrl=%2Fadmin');
    const token = outcome.state.values?.token ?? '';
    return answerForm('setup', outcome.state, `/setup?token=${encodeURIComponent(token)}`);
  }
  await startSession(outcome.user);
  redirect('/admin');
}
