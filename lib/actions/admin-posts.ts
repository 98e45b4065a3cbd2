'use server';

import { z } from 'zod';
import { canUseAdmin, isAdmin } from '@/lib/auth/permissions';
import { getPostForEdit, getRevision } from '@/lib/dal/admin-post-reads';
import { createDraft, emptyTrash, restorePost, savePost, trashPost, type StateChange } from '@/lib/dal/admin-posts';
import { isDatabaseError } from '@/lib/dal/db-errors';
import { getImageSizes } from '@/lib/dal/media';
import { refuse } from '@/lib/dal/result';
import { getViewer } from '@/lib/dal/users';
import { renderMarkdown } from '@/lib/markdown';
import { uploadUrlsIn } from '@/lib/media/responsive';
import type { FormState } from '@/lib/validations/form-state';
import { postInputSchema } from '@/lib/validations/posts';
import { formAction, formPost, type Rule } from './form-action';
import { idSchema } from '@/lib/validations/ids.mjs';

// The post editor's server actions, through formAction. The DAL checks the role and
// ownership on the row it locks. A save answers the new version (the editor sends it back
// with the next save, so a stale tab is refused rather than overwriting); a refusal keeps
// the version the editor sent: nothing was saved, so its next save is not from a stale tab.

export type EditorState = (NonNullable<FormState> & { version?: number; savedAt?: string; postStatus?: string; publishedAt?: string | null }) | null;
type Editor = NonNullable<EditorState>;

const id = idSchema();
const saveMeta = z.object({
  id,
  version: z.coerce.number().int().min(1),
  intent: z.enum(['save', 'autosave', 'publish', 'schedule', 'unpublish']).catch('save'),
  publishAt: z.string().trim().optional(),
});
const TEXT_FIELDS = ['title', 'slug', 'excerpt', 'body', 'coverImage', 'coverAlt', 'seoTitle', 'seoDescription', 'tags', 'publishAt'];
const POSTS = '/admin/posts';
const DONE = { save: 'Saved.', autosave: 'Saved.', publish: 'Published.', schedule: 'Scheduled.', unpublish: 'Back to draft.' } as const;

/** A schedule time from the form: an ISO string, or a datetime-local value read as UTC. */
function parsePublishAt(raw: string | undefined): Date | null | 'invalid' {
  if (!raw) return null;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** The post a form names, when the id is one. */
function postIdOf(form: FormData): string | null {
  const parsed = id.safeParse(form.get('id'));
  return parsed.success ? parsed.data : null;
}

const staff: Rule = (viewer, t) => (canUseAdmin(viewer) ? null : { message: t.refusals.postForbidden, status: 403 });

export const savePostAction = formAction(
  {
    key: 'editor',
    // To a script the state comes back whole (with the new version); a plain form post is
    // redirected to the editor, which reloads the post.
    back: (form) => `${POSTS}/${postIdOf(form) ?? ''}`.replace(/\/$/, ''),
    keep: TEXT_FIELDS,
    can: (viewer) => (canUseAdmin(viewer) ? null : { message: 'Sign in with a staff account to save.', status: 401 }),
    schema: saveMeta.and(postInputSchema),
    input: (form) => ({
      ...Object.fromEntries(form),
      categoryIds: form.getAll('categoryIds'),
      tags: String(form.get('tags') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      authorId: form.get('authorId') || undefined,
    }),
    invalid: (t, errors) => (errors.id || errors.version ? 'This editor is out of date. Reload the page.' : t.messages.checkFields),
    also: (form): Partial<Editor> => {
      const version = saveMeta.shape.version.safeParse(form.get('version'));
      return version.success ? { version: version.data } : {};
    },
  },
  async ({ viewer, input, values }) => {
    const { id: postId, version, intent, publishAt, ...post } = input;
    const at = parsePublishAt(publishAt);
    if (intent === 'schedule' && (at === null || at === 'invalid' || at.getTime() <= Date.now())) {
      return { ok: false, message: 'Choose a date and time in the future to schedule.', fieldErrors: { publishAt: 'A future date and time (UTC).' }, status: 400 };
    }
    const change: StateChange | undefined =
      intent === 'unpublish' ? { to: 'draft' } : intent === 'publish' || intent === 'schedule' ? { to: 'published', at: intent === 'schedule' && at instanceof Date ? at : null } : undefined;
    let saved: Awaited<ReturnType<typeof savePost>>;
    try {
      // The save and the state change are one transaction: when it fails, none of it happened.
      saved = await savePost(viewer, postId, post, version, change);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      console.error(`savePostAction: ${intent} of post ${postId} failed in the database`, error);
      return { ok: false, message: `Could not ${intent === 'autosave' ? 'save' : intent}: the database failed. Nothing was changed; try again.`, status: 503 };
    }
    if (!saved.ok) return saved;
    // Only after the commit: a failed save leaves every cached page as it was.
    const state = change ? { postStatus: saved.status, publishedAt: saved.publishedAt } : {};
    return { ok: true, tags: saved.tags, then: { answer: { ok: true, message: DONE[intent], version: saved.version, savedAt: new Date().toISOString(), values, ...state } } };
  },
);

export const createPostAction = formPost({ key: 'posts', back: '/admin' }, async ({ viewer }) => {
  if (!viewer) return { ok: true, then: { redirect: '/signin?callbackUrl=%2Fadmin%2Fposts' } };
  const created = await createDraft(viewer, 'Untitled');
  return { ok: true, then: { redirect: created.ok ? `${POSTS}/${created.id}` : '/admin' } };
});

/** The preview pane: the same pipeline as the public post page. Not a form: it answers HTML, or '' to anyone but staff. */
export async function previewPostAction(markdown: string): Promise<string> {
  const viewer = await getViewer();
  if (!viewer || !canUseAdmin(viewer) || typeof markdown !== 'string') return '';
  const body = markdown.slice(0, 200_000);
  return renderMarkdown(body, await getImageSizes(uploadUrlsIn(body)));
}

const postIdForm = z.object({ id });
const notFound = () => 'That post could not be found.';

/** Moves a post to the trash; the answer waits on the trash list (or says why not). */
export const trashPostAction = formPost({ key: 'posts', back: POSTS, can: staff, schema: postIdForm, invalid: notFound }, async ({ viewer, input }) => {
  const result = await trashPost(viewer, input.id);
  if (!result.ok) return result;
  const message = 'Moved to the trash. Restore it from here until an admin empties the trash.';
  return { ok: true, tags: result.tags, then: { flash: { key: 'posts', state: { ok: true, message }, to: `${POSTS}?filter=trash` } } };
});

/** Takes a post out of the trash, in the state it had. */
export const restorePostAction = formPost({ key: 'posts', back: `${POSTS}?filter=trash`, can: staff, schema: postIdForm, invalid: notFound }, async ({ viewer, input }) => {
  const result = await restorePost(viewer, input.id);
  if (!result.ok) return result;
  return { ok: true, tags: result.tags, then: { flash: { key: 'posts', state: { ok: true, message: 'Restored: the post is back as it was before the trash.' }, to: POSTS } } };
});

/** Deletes every post in the trash for good (admins). Trashed posts are on no public page: nothing to invalidate. */
export const emptyTrashAction = formPost(
  { key: 'posts', back: `${POSTS}?filter=trash`, can: (viewer, t) => (isAdmin(viewer) ? null : { message: t.refusals.adminsEmptyTrash, status: 403 }) },
  async ({ viewer }) => {
    const result = await emptyTrash(viewer);
    if (!result.ok) return result;
    const n = result.deleted;
    const message = n === 0 ? 'The trash was already empty.' : `Deleted ${n} post${n === 1 ? '' : 's'} for good.`;
    return { ok: true, then: { flash: { key: 'posts', state: { ok: true, message }, to: `${POSTS}?filter=trash` } } };
  },
);

const restoreForm = z.object({ id, revisionId: id, version: z.coerce.number().int().min(1) });

function historyPath(form: FormData): string {
  const parsed = restoreForm.safeParse(Object.fromEntries(form));
  return parsed.success ? `${POSTS}/${parsed.data.id}/history?rev=${parsed.data.revisionId}` : POSTS;
}

/** Puts a revision's title and body back (a new save, so it is itself undoable). */
export const restoreRevisionAction = formPost({ key: 'history', back: historyPath, can: staff, schema: restoreForm }, async ({ viewer, input }) => {
  const { id: postId, revisionId, version } = input;
  const [post, revision] = await Promise.all([getPostForEdit(viewer, postId), getRevision(postId, revisionId)]);
  if (!post || !revision) return { ...refuse(404, 'postNotFound'), elsewhere: { key: 'posts', to: POSTS } };
  const parsed = postInputSchema.safeParse({ ...post, title: revision.title, body: revision.body, authorId: undefined });
  if (!parsed.success) return { ok: false, message: 'That revision cannot be restored as it is.', status: 400 };
  let saved: Awaited<ReturnType<typeof savePost>>;
  try {
    saved = await savePost(viewer, postId, parsed.data, version);
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    console.error(`restoreRevisionAction: post ${postId} failed in the database`, error);
    return { ok: false, message: 'Could not restore: the database failed. Nothing was changed; try again.', status: 503 };
  }
  if (!saved.ok) return saved;
  const message = `Restored the revision of ${revision.createdAt.slice(0, 16).replace('T', ' ')} UTC.`;
  return { ok: true, tags: saved.tags, then: { flash: { key: 'editor', state: { ok: true, message }, to: `${POSTS}/${postId}` } } };
});
