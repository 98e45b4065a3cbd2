'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { unsubscribeReplies } from '@/lib/dal/notifications';
import { unsubscribeTokenSchema, verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';

// The unsubscribe page's form. The signed token is the only credential: whoever holds the
// link from the email may turn that reader's reply emails off, signed in or not.

const schema = z.object({ token: unsubscribeTokenSchema });

export async function unsubscribeAction(formData: FormData): Promise<void> {
  const parsed = schema.safeParse({ token: formData.get('token') });
  const userId = parsed.success ? verifyUnsubscribeToken(parsed.data.token) : null;
  // Without a valid token the page shows its "link is not valid" message.
  if (!userId) redirect('/unsubscribe');
  await unsubscribeReplies(userId);
  redirect('/unsubscribe?done=1');
}
