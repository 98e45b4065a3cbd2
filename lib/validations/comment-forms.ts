import { isId } from './ids.mjs';

// Names for the comment forms on a post page, shared by the server actions (which send a
// refused plain form post back to its form) and the comment components (which give the
// form its flash): the key a flash is stored under, and the element to scroll back to.

export type CommentFormKind = 'comment' | 'edit' | 'delete' | 'like' | 'report';

/**
 * `id` is the comment the form acts on, or for 'comment' the parent it replies to ('' for
 * a new thread). An id that is not one yields the section as a whole.
 */
export function commentFormKey(kind: CommentFormKind, id: string): { key: string; anchor: string } {
  if (kind === 'comment') {
    const parent = isId(id) ? id : 'new';
    return { key: `comment:${parent}`, anchor: `comment-body-${parent}` };
  }
  if (!isId(id)) return { key: 'comments', anchor: 'comments' };
  return { key: `${kind}:${id}`, anchor: kind === 'edit' ? `edit-${id}` : `comment-${id}` };
}
