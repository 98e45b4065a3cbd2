import type { Viewer } from '@/lib/dal/users';
import type { Dictionary } from '@/lib/i18n';
import type { CounterTemplates } from '@/lib/posts/counters.mjs';
import type { HeartTemplates } from '@/lib/posts/like-heart.mjs';
import { rowTemplates } from './thread-html';
import type { ShellData } from './reader-splice.mjs';

// The signed-in page's shared shell (/post/<slug>/comments with the shell cookie): rendered
// for no reader in particular, then filled in per reader by the production server
// (server/reader-pages.mjs, lib/comments/reader-splice.mjs).

/**
 * The reader the shell is rendered for: a member who may comment, with no comments, likes
 * or reports of their own and no name. Its id matches no comment author.
 */
export const SHELL_VIEWER: Viewer = { id: '', name: '', email: null, image: null, role: 'MEMBER', banned: false, createdAt: new Date(0) };

/**
 * What the server needs besides the shell's HTML to fill a reader's comment rows, the
 * post's heart and the counts in: the pieces of the controls, the heart and the counts in the site's language,
 * whether comments are open, the edit window. JSON in base64, for an attribute of the comments section: no script element in
 * the comments, and nothing in it an HTML parser or React's escaping could change.
 */
export function shellDataAttribute(strings: Dictionary['commentUi'], returnTo: string, open: boolean, editWindowMs: number, heart: HeartTemplates, counters: CounterTemplates): string {
  const data: ShellData = { open, editWindowMs, templates: rowTemplates(strings, returnTo), heart, counters };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
}
