import 'server-only';
import { env } from '@/lib/env';
import { safeCallbackPath } from '@/lib/validations/auth';

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The page to return to after signing in, from ?callbackUrl=, limited to this site. */
export function callbackFrom(params: Params, fallback = '/'): string {
  return safeCallbackPath(first(params.callbackUrl), fallback, new URL(env().SITE_URL).origin);
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

const ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: 'An account with this email already exists. Sign in with your password.',
  OAuthSignin: 'Could not start signing in with that provider. Try again.',
  OAuthCallback: 'Signing in with that provider did not finish. Try again.',
  AccessDenied: 'That sign-in was refused.',
  Configuration: 'Sign-in with that provider is not configured correctly.',
  SessionRequired: 'Sign in to see that page.',
};

/** next-auth's ?error= codes as sentences; unknown codes get a generic one. */
export function signInErrorText(params: Params): string | undefined {
  const code = first(params.error);
  if (!code) return undefined;
  return ERRORS[code] ?? 'Signing in did not work. Try again.';
}
