import 'server-only';
import { after } from 'next/server';
import { notifyReply } from '@/lib/dal/notifications';
import { getSiteSettings } from '@/lib/dal/settings';
import type { SubmitContext } from './service';

/** The posting context inside a request: cached settings, reply emails after the response. */
export async function requestSubmitContext(): Promise<SubmitContext> {
  return {
    settings: await getSiteSettings(),
    onReply: (id) => after(() => notifyReply(id).then(() => undefined)),
  };
}
