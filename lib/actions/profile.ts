'use server';

import { setAccountCookie } from '@/lib/auth/session';
import { invalidate } from '@/lib/cache-invalidation';
import { TAGS } from '@/lib/cache-tags';
import { getViewer, updateDisplayName, getCommentedPostIds } from '@/lib/dal/users';
import { consume, waitText } from '@/lib/rate-limit';
import { answerForm } from '@/lib/form-flash';
import { profileSchema } from '@/lib/validations/auth';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

export async function updateProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['name']);
  const viewer = await getViewer();
  if (!viewer) return answerForm('profile', { message: 'Sign in to change your profile.', values, status: 401 }, '/profile');
  const parsed = profileSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answerForm('profile', { message: 'Check your name.', fieldErrors: fieldErrors(parsed.error), values, status: 400 }, '/profile');
  const limited = await consume(['profileUser', viewer.id]);
  if (!limited.ok) return answerForm('profile', { message: `Too many changes. Try again in ${waitText(limited.retryAfterS)}.`, values, status: 429 }, '/profile');
  await updateDisplayName(viewer.id, parsed.data.name);
  await setAccountCookie(parsed.data.name);
  // The name shows beside every comment the reader wrote.
  invalidate(...(await getCommentedPostIds(viewer.id)).map((id) => TAGS.comments(id)));
  return answerForm('profile', { ok: true, message: 'Saved.', values: { name: parsed.data.name } }, '/profile');
}
