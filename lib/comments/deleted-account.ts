// The one user every deleted account's kept comments move to (lib/dal/account-deletion.ts):
// a row that nobody can sign in as (no email, password or provider account), so the
// comments keep a valid author while the deleted account's own row, and with it every
// session, like and report of theirs, is gone. Pages show its name in the site's language.

export const DELETED_ACCOUNT_ID = 'deleted-account';
/** The stored name: what the JSON API and the feeds show, as they do not translate. */
export const DELETED_ACCOUNT_NAME = 'Deleted account';

/** The name a thread shows beside a comment: "Deleted account" in the page's language for the placeholder user. */
export function shownAuthorName(c: { authorId: string | null; authorName: string }, strings: { deletedAccount: string }): string {
  return c.authorId === DELETED_ACCOUNT_ID ? strings.deletedAccount : c.authorName;
}
