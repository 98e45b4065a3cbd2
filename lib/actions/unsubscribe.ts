'use server';

import { z } from 'zod';
import { unsubscribeReplies } from '@/lib/dal/notifications';
import { unsubscribeTokenSchema, verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';
import { formPost } from './form-action';

// The unsubscribe page's form, through formAction. The signed token is the only credential:
// whoever holds the link from the email may turn that reader's reply emails off, signed in
// or not. Without a valid token the page shows its "link is not valid" message.

const schema = z.object({ token: unsubscribeTokenSchema });

export const unsubscribeAction = formPost({ key: 'unsubscribe', back: '/unsubscribe', schema, input: (form) => ({ token: form.get('token') }) }, async ({ input }) => {
  const userId = verifyUnsubscribeToken(input.token);
  if (!userId) return { ok: true, then: { redirect: '/unsubscribe' } };
  await unsubscribeReplies(userId);
  return { ok: true, then: { redirect: '/unsubscribe?done=1' } };
});
