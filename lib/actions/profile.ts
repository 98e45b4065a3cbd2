'use server';

import { setAccountCookie } from '@/lib/auth/session';
import { TAGS } from '@/lib/cache-tags';
import { getCommentedPostIds, updateDisplayName } from '@/lib/dal/users';
import { consume } from '@/lib/rate-limit';
import { authSchemas } from '@/lib/validations/auth';
import { formAction } from './form-action';

export const updateProfileAction = formAction(
  {
    key: 'profile',
    back: '/profile',
    keep: ['name'],
    can: (viewer, t) => (viewer ? null : { message: t.messages.profile.signIn, status: 401 }),
    schema: (t) => authSchemas(t.validation).profile,
    invalid: (t) => t.messages.profile.checkName,
  },
  async ({ viewer, input, t }) => {
    const limited = await consume(['profileUser', viewer.id]);
    if (!limited.ok) return { ok: false, message: t.messages.profile.tooManyChanges(limited.retryAfterS), status: 429 };
    await updateDisplayName(viewer.id, input.name);
    await setAccountCookie(input.name);
    // The name shows beside every comment the reader wrote.
    const tags = [TAGS.anyComments, ...(await getCommentedPostIds(viewer.id)).map((id) => TAGS.comments(id))];
    return { ok: true, tags, then: { answer: { ok: true, message: t.messages.profile.saved, values: { name: input.name } } } };
  },
);
