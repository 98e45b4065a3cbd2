'use server';

import { redirect } from 'next/navigation';
import { passwordWorkOrBusy } from '@/lib/auth/password';
import { endSession } from '@/lib/auth/session';
import { invalidate } from '@/lib/cache-invalidation';
import { TAGS } from '@/lib/cache-tags';
import { checkAccountPassword, deleteOwnAccount, getDeletionConfirm } from '@/lib/dal/account-deletion';
import { getViewer } from '@/lib/dal/users';
import { answerForm } from '@/lib/form-flash';
import { consume } from '@/lib/rate-limit';
import { getSiteContext } from '@/lib/site';
import { accountDeletionSchema } from '@/lib/validations/account-deletion';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

const FORM = 'delete-account';
const BACK = '/profile#delete-account';

/**
 * "Delete my account": the signed-in reader's own account only (the id is the session's,
 * never a field). A banned reader may delete theirs too. Refusals keep what was typed
 * (the password excepted, as every form here does).
 */
export async function deleteAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['confirm', 'email']);
  const [viewer, { t, settings }] = await Promise.all([getViewer(), getSiteContext()]);
  const m = t.accountDeletionMessages;
  const refuse = (state: Omit<NonNullable<FormState>, 'values'>) => answerForm(FORM, { ...state, values }, BACK);
  if (!viewer) return refuse({ message: m.signIn, status: 401 });
  const parsed = accountDeletionSchema(m).safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse({ message: m.checkFields, fieldErrors: fieldErrors(parsed.error), status: 400 });
  const limited = await consume(['accountDeleteUser', viewer.id]);
  if (!limited.ok) return refuse({ message: m.tooMany(limited.retryAfterS), status: 429 });
  const confirm = await getDeletionConfirm(viewer.id);
  if (!confirm) return refuse({ message: m.signIn, status: 401 });
  if (confirm.hasPassword) {
    const checked = await passwordWorkOrBusy(() => checkAccountPassword(viewer.id, parsed.data.password ?? ''));
    if (!checked.ok) return refuse({ message: t.messages.busy(checked.retryAfterS), status: 503 });
    if (!checked.value) {
      return refuse({ message: m.checkFields, fieldErrors: { password: m.wrongPassword }, status: 403 });
    }
  } else if (confirm.email && (parsed.data.email ?? '').trim().toLowerCase() !== confirm.email.toLowerCase()) {
    return refuse({ message: m.checkFields, fieldErrors: { email: m.wrongEmail }, status: 403 });
  }
  const result = await deleteOwnAccount(viewer.id, settings.deletedAccountComments);
  if (!result.ok) {
    if (result.reason === 'gone') return refuse({ message: m.signIn, status: 404 });
    return refuse({ message: result.reason === 'lastAdmin' ? m.lastAdmin : m.ownsContent, status: 409 });
  }
  // Threads show the comments under a new name (or without their text), and counts moved.
  invalidate(TAGS.anyComments, ...result.posts.flatMap((p) => [TAGS.comments(p.id), TAGS.counters(p.id)]));
  await endSession();
  redirect('/profile/deleted');
}
