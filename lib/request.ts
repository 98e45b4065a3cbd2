import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/views/visitor.mjs';

/**
 * The client's address for rate limits. The production server replaces any
 * client-sent X-Forwarded-For with the socket address unless TRUST_PROXY is set
 * (behind a reverse proxy that sets it), so it cannot be forged from outside.
 */
export async function clientIp(): Promise<string> {
  return clientAddress((await headers()).get('x-forwarded-for'));
}
