import 'server-only';
import { after } from 'next/server';
import { notifyReply } from '@/lib/dal/notifications';
import { getSiteContext } from '@/lib/site';
import type { SubmitContext } from './service';

/** The posting context inside a request: cached settings and dictionary, reply emails after the response. */
export async function requestSubmitContext(): Promise<SubmitContext> {
  const { settings, t, locale } = await getSiteContext();
  return {
    settings,
    t,
    onReply: (id) => after(() => notifyReply(id, locale).then(() => undefined)),
  };
}
