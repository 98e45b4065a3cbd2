'use server';

import { passwordWorkOrBusy } from '@/lib/auth/password-work';
import { endSession } from '@/lib/auth/session';
import { TAGS } from '@/lib/cache-tags';
import { checkAccountPassword, deleteOwnAccount, getDeletionConfirm } from '@/lib/dal/account-deletion';
import { consume } from '@/lib/rate-limit';
import { accountDeletionSchema } from '@/lib/validations/account-deletion';
import { formAction, type Outcome } from './form-action';

/**
 * "Delete my account": the signed-in reader's own account only (the id is the session's,
 * never a field). A banned reader may delete theirs too. Refusals keep what was typed
 * (the password excepted, as every form here does).
 */
export const deleteAccountAction = formAction(
  {
    key: 'delete-account',
    back: '/profile#delete-account',
    keep: ['confirm', 'email'],
    can: (viewer, t) => (viewer ? null : { message: t.accountDeletionMessages.signIn, status: 401 }),
    schema: (t) => accountDeletionSchema(t.accountDeletionMessages),
    invalid: (t) => t.accountDeletionMessages.checkFields,
  },
  async ({ viewer, input, site: { t, settings } }): Promise<Outcome> => {
    const m = t.accountDeletionMessages;
    const limited = await consume(['accountDeleteUser', viewer.id]);
    if (!limited.ok) return { ok: false, message: m.tooMany(limited.retryAfterS), status: 429 };
    const confirm = await getDeletionConfirm(viewer.id);
    if (!confirm) return { ok: false, message: m.signIn, status: 401 };
    if (confirm.hasPassword) {
      const checked = await passwordWorkOrBusy(() => checkAccountPassword(viewer.id, input.password ?? ''));
      if (!checked.ok) return { ok: false, message: t.messages.busy(checked.retryAfterS), status: 503 };
      if (!checked.value) return { ok: false, message: m.checkFields, fieldErrors: { password: m.wrongPassword }, status: 403 };
    } else if (confirm.email && (input.email ?? '').trim().toLowerCase() !== confirm.email.toLowerCase()) {
      return { ok: false, message: m.checkFields, fieldErrors: { email: m.wrongEmail }, status: 403 };
    }
    const result = await deleteOwnAccount(viewer.id, settings.deletedAccountComments);
    if (!result.ok) {
      if (result.reason === 'gone') return { ok: false, message: m.signIn, status: 404 };
      return { ok: false, message: result.reason === 'lastAdmin' ? m.lastAdmin : m.ownsContent, status: 409 };
    }
    await endSession();
    // Threads show the comments under a new name (or without their text), and counts moved.
    return { ok: true, tags: [TAGS.anyComments, ...result.posts.flatMap((p) => [TAGS.comments(p.id), TAGS.counters(p.id)])], then: { redirect: '/profile/deleted' } };
  },
);
