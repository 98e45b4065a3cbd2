import type { Viewer } from '@/lib/dal/users';

/**
 * The reader the signed-in shell is rendered for: a member who may comment, with no
 * comments, likes or reports of their own and no name (lib/comments/reader-splice.mjs fills
 * in the real reader's). Its id matches no comment author.
 */
export const SHELL_VIEWER: Viewer = { id: '', name: '', email: null, image: null, role: 'MEMBER', banned: false, createdAt: new Date(0) };
