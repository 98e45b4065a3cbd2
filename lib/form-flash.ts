import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { secureCookies } from '@/lib/auth/session';
import { FLASH_COOKIE } from '@/lib/cookie-names.mjs';
import { saveFormFlash, takeFormFlash } from '@/lib/dal/form-flashes';
import type { FormState } from '@/lib/validations/form-state';

// The answer of a form posted without JavaScript.
//
// With JavaScript, a form's server action returns its state (message, field errors, what
// was typed) to useActionState. Without, the browser posts the form itself and Next
// renders the page from its prerendered shell, which React cannot resume with a form
// state: the message would only reach the inline RSC data, never the HTML. So a plain
// form post that has something to say stores it for one request and redirects back
// (303); the page reads it with `formFlash(key)` and hands it to the form as its first
// state. The cookie holds only a random id, scoped to the page's path.

const ID = /^[A-Za-z0-9_-]{22}$/;

const flashSchema = z.object({
  key: z.string().max(100),
  state: z.object({
    message: z.string().max(2_000).optional(),
    fieldErrors: z.record(z.string(), z.string().max(2_000)).optional(),
    values: z.record(z.string(), z.string().max(10_000)).optional(),
    status: z.number().int().optional(),
    ok: z.boolean().optional(),
  }),
});

export type Flash = z.infer<typeof flashSchema>;

/** Next's client posts actions with a Next-Action header; a browser without JavaScript posts the plain form. */
export async function postedByScript(): Promise<boolean> {
  return (await headers()).has('next-action');
}

/**
 * A form action's answer for the form `key`: returned as is to a script, or, for a plain
 * form post, kept for the page at `to` (a same-site path, optionally with a #fragment)
 * and redirected to.
 */
export async function answerForm(key: string, state: NonNullable<FormState>, to: string): Promise<FormState> {
  if (await postedByScript()) return state;
  return redirectWithFlash(key, state, to);
}

/**
 * Redirects to `to` (a same-site path) leaving `state` for the form or message `key` of
 * that page, script or not: for an answer that belongs on the next page.
 */
export async function redirectWithFlash(key: string, state: NonNullable<FormState>, to: string): Promise<never> {
  const id = randomBytes(16).toString('base64url');
  await saveFormFlash(id, { key, state });
  const path = to.split(/[?#]/, 1)[0] || '/';
  (await cookies()).set(FLASH_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path, maxAge: 600 });
  redirect(to);
}

/** The flash this request carries, if any; read once per request (and deleted). */
export const pageFlash = cache(async (): Promise<Flash | null> => {
  const id = (await cookies()).get(FLASH_COOKIE)?.value;
  if (!id || !ID.test(id)) return null;
  const parsed = flashSchema.safeParse(await takeFormFlash(id));
  return parsed.success ? parsed.data : null;
});

/** The state a plain form post left for the form `key`, to start its useActionState with. */
export async function formFlash(key: string): Promise<FormState> {
  const flash = await pageFlash();
  return flash?.key === key ? flash.state : null;
}
