'use server';

import { setAccountCookie } from '@/lib/auth/session';
import { invalidate } from '@/lib/cache-invalidation';
import { TAGS } from '@/lib/cache-tags';
import { getViewer, updateDisplayName, getCommentedPostIds } from '@/lib/dal/users';
import { consume } from '@/lib/rate-limit';
import { answerForm } from '@/lib/form-flash';
import { getSiteContext } from '@/lib/site';
import { authSchemas } from '@/lib/validations/auth';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

export async function updateProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['name']);
  const [viewer, { t }] = await Promise.all([getViewer(), getSiteContext()]);
  const m = t.messages.profile;
  if (!viewer) return answerForm('profile', { message: m.signIn, values, status: 401 }, '/profile');
  const parsed = authSchemas(t.validation).profile.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answerForm('profile', { message: m.checkName, fieldErrors: fieldErrors(parsed.error), values, status: 400 }, '/profile');
  const limited = await consume(['profileUser', viewer.id]);
  if (!limited.ok) return answerForm('profile', { message: m.tooManyChanges(limited.retryAfterS), values, status: 429 }, '/profile');
  await updateDisplayName(viewer.id, parsed.data.name);
  await setAccountCookie(parsed.data.name);
  // The name shows beside every comment the reader wrote.
  invalidate(TAGS.anyComments, ...(await getCommentedPostIds(viewer.id)).map((id) => TAGS.comments(id)));
  return answerForm('profile', { ok: true, message: m.saved, values: { name: parsed.data.name } }, '/profile');
}
