'use server';

import { setUpFirstAdmin } from '@/lib/auth/first-admin';
import { startSession } from '@/lib/auth/session';
import { clientIp } from '@/lib/request';
import { formAction, type Outcome } from './form-action';

function setupPage(form: FormData): string {
  const token = form.get('token');
  return `/setup?token=${encodeURIComponent(typeof token === 'string' ? token.slice(0, 2000) : '')}`;
}

/** /setup: creates the first admin, signs them in and opens the admin area. The rules and the input are lib/auth/first-admin.ts's. */
export const setupAction = formAction({ key: 'setup', back: setupPage }, async ({ form }): Promise<Outcome> => {
  const outcome = await setUpFirstAdmin(form, await clientIp());
  if (!outcome.ok) {
    // Someone finished setup first: /setup is a 404 now, so a plain form post goes to sign in.
    if (outcome.state.status === 410) return { ok: false, message: outcome.state.message, at: { key: 'signin', to: '/signin?callbackUrl=%2Fadmin' } };
    return { ...outcome.state, ok: false };
  }
  await startSession(outcome.user);
  return { ok: true, then: { redirect: '/admin' } };
});
