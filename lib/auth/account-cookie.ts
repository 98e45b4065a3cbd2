// A readable (not HttpOnly) cookie holding only the signed-in reader's display name, so
// the cached site header can show "Name · Sign out" after it loads without making any
// page dynamic. It proves nothing: every check reads the HttpOnly session cookie.
export const ACCOUNT_COOKIE = 'quire-account';
