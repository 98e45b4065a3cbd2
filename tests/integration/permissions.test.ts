import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canEditAnyPost,
  canEditPost,
  canManageTaxonomy,
  canModerateComments,
  canPublishPost,
  canReassignAuthor,
  canUploadMedia,
  canUseAdmin,
  isAdmin,
  type Actor,
} from '../../lib/auth/permissions';

// The roles of the publishing issue, as a table: every role (and a banned editor) against
// its own and another's post, draft and published.

const ROLES = ['MEMBER', 'CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'] as const;
const actor = (role: (typeof ROLES)[number], banned = false): Actor => ({ id: `u-${role}`, role, banned });
const own = (a: Actor, status: 'DRAFT' | 'PUBLISHED' = 'DRAFT') => ({ authorId: a.id, status });
const others = (status: 'DRAFT' | 'PUBLISHED' = 'DRAFT') => ({ authorId: 'someone-else', status });

test('who may enter the admin area, moderate, manage taxonomy, upload, administer', () => {
  const table = ROLES.map((r) => {
    const a = actor(r);
    return [r, canUseAdmin(a), canModerateComments(a), canManageTaxonomy(a), canUploadMedia(a), isAdmin(a), canReassignAuthor(a), canEditAnyPost(a)];
  });
  assert.deepEqual(table, [
    ['MEMBER', false, false, false, false, false, false, false],
    ['CONTRIBUTOR', true, false, false, true, false, false, false],
    ['AUTHOR', true, false, false, true, false, false, false],
    ['EDITOR', true, true, true, true, false, true, true],
    ['ADMIN', true, true, true, true, true, true, true],
  ]);
  assert.equal(canUseAdmin(null), false);
});

test('posts: contributors edit their own drafts; authors their own posts; editors and admins all', () => {
  const table = ROLES.map((r) => {
    const a = actor(r);
    return [r, canEditPost(a, own(a)), canEditPost(a, own(a, 'PUBLISHED')), canEditPost(a, others()), canPublishPost(a, own(a)), canPublishPost(a, others())];
  });
  assert.deepEqual(table, [
    ['MEMBER', false, false, false, false, false],
    ['CONTRIBUTOR', true, false, false, false, false],
    ['AUTHOR', true, true, false, true, false],
    ['EDITOR', true, true, true, true, true],
    ['ADMIN', true, true, true, true, true],
  ]);
});

test('a ban takes every right away, whatever the role', () => {
  for (const role of ROLES) {
    const a = actor(role, true);
    assert.equal(canUseAdmin(a) || canEditPost(a, own(a)) || canPublishPost(a, own(a)) || isAdmin(a) || canModerateComments(a), false, role);
  }
});
