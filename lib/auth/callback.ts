import 'server-only';
import type { Dictionary } from '@/lib/i18n';
import { safeCallbackPath } from '@/lib/validations/auth';
import { siteOrigin } from '@/lib/site-url';

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The page to return to after signing in, from ?callbackUrl=, limited to this site. */
export function callbackFrom(params: Params, fallback = '/'): string {
  return safeCallbackPath(first(params.callbackUrl), fallback, siteOrigin());
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

type ProviderErrors = Dictionary['messages']['auth']['providerErrors'];

/** next-auth's ?error= codes as sentences of `errors`; unknown codes get a generic one. */
export function signInErrorText(params: Params, errors: ProviderErrors): string | undefined {
  const code = first(params.error);
  if (!code) return undefined;
  return Object.hasOwn(errors, code) ? errors[code as keyof ProviderErrors] : errors.fallback;
}
