// Why the data layer refused a write, by the reason code it returns (lib/dal/result.ts),
// as the site says it. Field errors are codes of this list too. A function takes the
// refusal's `detail` (e.g. the name of the import already running).
export const refusals = {
  // Posts (lib/dal/admin-posts.ts)
  postForbidden: 'Your role does not allow this on this post.',
  postNotFound: 'That post does not exist or is in the trash.',
  postStale: 'This post was saved elsewhere since you opened it (another tab or another person). Copy your changes, reload, and apply them again.',
  chooseAddress: 'Choose another address.',
  postSlugTaken: 'Another post uses this address.',
  chooseStaffAuthor: 'Choose an author from the staff.',
  notStaff: 'Not a staff member.',
  notInTrash: 'That post is not in the trash.',
  adminsEmptyTrash: 'Only admins empty the trash.',
  // Categories and tags (lib/dal/taxonomy-admin.ts)
  taxonomyForbidden: 'Only editors and admins manage categories and tags.',
  categoryGone: 'That category does not exist (any more). Reload the list.',
  tagGone: 'That tag does not exist (any more). Reload the list.',
  termSlugTaken: 'That address is taken.',
  typeAddress: 'Type an address.',
  noSlugLetters: 'The name has no letters to make an address from: type one.',
  chooseAnotherTag: 'Choose another tag.',
  mergeIntoItself: 'A tag cannot be merged into itself.',
  chooseMergeTarget: 'Choose the tag to merge into.',
  tagNameAmbiguous: 'Several tags have that name: type the address of the one you mean.',
  tagUnknown: 'No tag has that name or address.',
  // Roles (lib/dal/users-admin.ts)
  adminsChangeRoles: 'Only admins change roles.',
  userGone: 'That user does not exist (any more). Reload the list.',
  noLongerAdmin: 'You are no longer an admin, so you cannot change roles.',
  lastAdminSelf: 'You are the last admin: make someone else an admin before you change your own role.',
  lastAdminOther: (name: string) => `${name} is the last admin: make someone else an admin first.`,
  // Moderation (lib/dal/moderation.ts)
  moderatorsOnly: 'Only editors and admins can moderate.',
  commentChanged: 'That comment has changed since the page loaded. Reload the queue.',
  notBannable: 'Editors, admins and your own account cannot be banned here.',
  // Uploads, stats, imports
  uploadersOnly: 'Only contributors, authors, editors and admins can upload images.',
  staffOnly: 'Only staff can see the stats.',
  adminsImport: 'Only admins import.',
  importRunning: (fileName: string) => `An import is running already (${fileName}): one at a time. Wait for it to end, then upload again.`,
  // Comments (lib/dal/comment-writes.ts)
  parentGone: 'The comment you replied to is no longer there.',
  commentGone: 'That comment is no longer there.',
  notOwner: 'You can only change your own comments.',
  hidden: 'A moderator has hidden this comment.',
  editWindowClosed: 'The time for editing this comment has passed, so it can no longer be changed.',
  ownComment: 'You cannot report your own comment.',
};

export type Refusals = typeof refusals;
/** Every reason code the data layer may give. */
export type RefusalReason = keyof Refusals;
