// Who may do what in the admin area (the publishing issue). Pure functions of the actor
// (role, ban) and, for posts, the post's author and state. The data access layer calls
// them inside every mutation and puts ownership into its queries; pages use them only to
// decide what to show.
//
//   contributor: writes and edits own drafts, cannot publish
//   author:      publishes, schedules, unpublishes and deletes own posts
//   editor:      all of that on every post, plus categories, tags and comment moderation
//   admin:       everything, plus users and their roles, and site settings

/** The roles, lowest to highest (the same values as the database's Role enum; the DAL's typed queries check that). */
export const ROLES = ['MEMBER', 'CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export type Actor = { id: string; role: Role; banned: boolean };
export type PostRef = { authorId: string; status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED' };

const RANK: Record<Role, number> = { MEMBER: 0, CONTRIBUTOR: 1, AUTHOR: 2, EDITOR: 3, ADMIN: 4 };

function atLeast<A extends Pick<Actor, 'role' | 'banned'>>(actor: A | null, role: Role): actor is A {
  return !!actor && !actor.banned && RANK[actor.role] >= RANK[role];
}

/** Staff: may enter the admin area and write drafts. */
export function canUseAdmin(actor: Actor | null): boolean {
  return atLeast(actor, 'CONTRIBUTOR');
}

/** Sees and edits every post, not only their own. */
export function canEditAnyPost(actor: Actor | null): boolean {
  return atLeast(actor, 'EDITOR');
}

/** Edit a post's content. Contributors only their own drafts; authors their own posts. */
export function canEditPost(actor: Actor | null, post: PostRef): boolean {
  if (canEditAnyPost(actor)) return true;
  if (!atLeast(actor, 'CONTRIBUTOR') || post.authorId !== actor.id) return false;
  return actor.role !== 'CONTRIBUTOR' || post.status === 'DRAFT';
}

/** Publish, schedule, unpublish, delete (to the trash). */
export function canPublishPost(actor: Actor | null, post: Pick<PostRef, 'authorId'>): boolean {
  if (canEditAnyPost(actor)) return true;
  return atLeast(actor, 'AUTHOR') && post.authorId === actor.id;
}

/** Choose another user as a post's author. */
export function canReassignAuthor(actor: Actor | null): boolean {
  return atLeast(actor, 'EDITOR');
}

/** Categories and tags (creating a tag while writing is allowed to every writer). */
export function canManageTaxonomy(actor: Actor | null): boolean {
  return atLeast(actor, 'EDITOR');
}

/** The comment moderation queue (and hiding, approving, banning). Needs only the role. */
export function canModerateComments(actor: Pick<Actor, 'role' | 'banned'> | null): boolean {
  return atLeast(actor, 'EDITOR');
}

/** Users and roles, site settings, emptying the trash. */
export function isAdmin(actor: Actor | null): boolean {
  return atLeast(actor, 'ADMIN');
}

/** Upload images (covers and inline). */
export function canUploadMedia(actor: Actor | null): boolean {
  return atLeast(actor, 'CONTRIBUTOR');
}

/** Like and unlike posts: any signed-in reader who is not banned, whatever their role. */
export function canLikePosts(actor: Pick<Actor, 'banned'> | null): boolean {
  return !!actor && !actor.banned;
}
