import 'server-only';
import { getSiteContext } from '@/lib/site';
import type { SubmitContext } from './service';

/** The posting context inside a request: cached settings and dictionary, and the language of reply emails. */
export async function requestSubmitContext(): Promise<SubmitContext> {
  const { settings, t, locale } = await getSiteContext();
  return { settings, t, locale };
}
