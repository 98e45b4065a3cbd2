'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { canUseAdmin } from '@/lib/auth/permissions';
import { invalidate } from '@/lib/cache-invalidation';
import { getPostForEdit, getRevision } from '@/lib/dal/admin-post-reads';
import { createDraft, emptyTrash, restorePost, savePost, trashPost, type StateChange, type WriteFailure } from '@/lib/dal/admin-posts';
import { getImageSizes } from '@/lib/dal/media';
import { getViewer } from '@/lib/dal/users';
import { isDatabaseError } from '@/lib/dal/db-errors';
import { answerForm, redirectWithFlash } from '@/lib/form-flash';
import { renderMarkdown } from '@/lib/markdown';
import { uploadUrlsIn } from '@/lib/media/responsive';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { postInputSchema } from '@/lib/validations/posts';
import { idSchema } from '@/lib/validations/ids.mjs';

// The post editor's server actions. Each checks the session itself; the DAL checks the
// role and ownership on the row it locks. A save answers the new version (the editor
// sends it back with the next save, so a stale tab is refused rather than overwriting).

export type EditorState = (NonNullable<FormState> & { version?: number; savedAt?: string; postStatus?: string; publishedAt?: string | null }) | null;

const id = idSchema();
const saveMeta = z.object({
  id,
  version: z.coerce.number().int().min(1),
  intent: z.enum(['save', 'autosave', 'publish', 'schedule', 'unpublish']).catch('save'),
  publishAt: z.string().trim().optional(),
});
const TEXT_FIELDS = ['title', 'slug', 'excerpt', 'body', 'coverImage', 'coverAlt', 'seoTitle', 'seoDescription', 'tags', 'publishAt'];

/** A schedule time from the form: an ISO string, or a datetime-local value read as UTC. */
function parsePublishAt(raw: string | undefined): Date | null | 'invalid' {
  if (!raw) return null;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** A refusal keeps the version the editor sent: nothing was saved, so its next save is not from a stale tab. */
function failure(result: WriteFailure, values: Record<string, string>, version: number): NonNullable<EditorState> {
  return { message: result.message, fieldErrors: result.fieldErrors, values, status: result.status, version };
}

const DONE = { save: 'Saved.', autosave: 'Saved.', publish: 'Published.', schedule: 'Scheduled.', unpublish: 'Back to draft.' } as const;

export async function createPostAction(): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=%2Fadmin%2Fposts');
  const created = await createDraft(viewer, 'Untitled');
  if (!created.ok) redirect('/admin');
  redirect(`/admin/posts/${created.id}`);
}

export async function savePostAction(_prev: EditorState, form: FormData): Promise<EditorState> {
  const values = formValues(form, TEXT_FIELDS);
  const meta = saveMeta.safeParse(Object.fromEntries(form));
  if (!meta.success) return { message: 'This editor is out of date. Reload the page.', values, status: 400 };
  const back = `/admin/posts/${meta.data.id}`;
  // To a script the state comes back whole (with the new version); a plain form post is
  // redirected to the editor, which reloads the post.
  const answer = async (state: NonNullable<EditorState>): Promise<EditorState> => (await answerForm('editor', state, back)) as EditorState;

  const viewer = await getViewer();
  if (!viewer || !canUseAdmin(viewer)) return answer({ message: 'Sign in with a staff account to save.', values, status: 401 });
  const parsed = postInputSchema.safeParse({
    ...Object.fromEntries(form),
    categoryIds: form.getAll('categoryIds'),
    tags: String(form.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    authorId: form.get('authorId') || undefined,
  });
  const { intent, version } = meta.data;
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400, version });

  const at = parsePublishAt(meta.data.publishAt);
  if (intent === 'schedule' && (at === null || at === 'invalid' || at.getTime() <= Date.now())) {
    return answer({ message: 'Choose a date and time in the future to schedule.', fieldErrors: { publishAt: 'A future date and time (UTC).' }, values, status: 400, version });
  }

  const change: StateChange | undefined =
    intent === 'unpublish' ? { to: 'draft' } : intent === 'publish' || intent === 'schedule' ? { to: 'published', at: intent === 'schedule' && at instanceof Date ? at : null } : undefined;
  let saved: Awaited<ReturnType<typeof savePost>>;
  try {
    // The save and the state change are one transaction: when it fails, none of it happened.
    saved = await savePost(viewer, meta.data.id, parsed.data, version, change);
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    console.error(`savePostAction: ${intent} of post ${meta.data.id} failed in the database`, error);
    return answer({ message: `Could not ${intent === 'autosave' ? 'save' : intent}: the database failed. Nothing was changed; try again.`, values, status: 503, version });
  }
  if (!saved.ok) return answer(failure(saved, values, version));
  // Only after the commit: a failed save leaves every cached page as it was.
  if (saved.tags.length) invalidate(...saved.tags);
  const state = change ? { postStatus: saved.status, publishedAt: saved.publishedAt } : {};
  return answer({ ok: true, message: DONE[intent], version: saved.version, savedAt: new Date().toISOString(), values, ...state });
}

/** The preview pane: the same pipeline as the public post page. */
export async function previewPostAction(markdown: string): Promise<string> {
  const viewer = await getViewer();
  if (!viewer || !canUseAdmin(viewer) || typeof markdown !== 'string') return '';
  const body = markdown.slice(0, 200_000);
  return renderMarkdown(body, await getImageSizes(uploadUrlsIn(body)));
}

const postIdForm = z.object({ id });

const POSTS = '/admin/posts';

/** Moves a post to the trash; the answer waits on the trash list (or says why not). */
export async function trashPostAction(form: FormData): Promise<void> {
  const parsed = postIdForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return redirectWithFlash('posts', { message: 'That post could not be found.', status: 400 }, POSTS);
  const result = await trashPost(await getViewer(), parsed.data.id);
  if (!result.ok) return redirectWithFlash('posts', { message: result.message, status: result.status }, POSTS);
  if (result.tags.length) invalidate(...result.tags);
  return redirectWithFlash('posts', { ok: true, message: 'Moved to the trash. Restore it from here until an admin empties the trash.' }, `${POSTS}?filter=trash`);
}

/** Takes a post out of the trash, in the state it had. */
export async function restorePostAction(form: FormData): Promise<void> {
  const parsed = postIdForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return redirectWithFlash('posts', { message: 'That post could not be found.', status: 400 }, POSTS);
  const result = await restorePost(await getViewer(), parsed.data.id);
  if (!result.ok) return redirectWithFlash('posts', { message: result.message, status: result.status }, `${POSTS}?filter=trash`);
  if (result.tags.length) invalidate(...result.tags);
  return redirectWithFlash('posts', { ok: true, message: 'Restored: the post is back as it was before the trash.' }, POSTS);
}

/** Deletes every post in the trash for good (admins). Trashed posts are on no public page: nothing to invalidate. */
export async function emptyTrashAction(): Promise<void> {
  const result = await emptyTrash(await getViewer());
  const to = `${POSTS}?filter=trash`;
  if (!result.ok) return redirectWithFlash('posts', { message: result.message, status: result.status }, to);
  const n = result.deleted;
  return redirectWithFlash('posts', { ok: true, message: n === 0 ? 'The trash was already empty.' : `Deleted ${n} post${n === 1 ? '' : 's'} for good.` }, to);
}

const restoreForm = z.object({ id, revisionId: id, version: z.coerce.number().int().min(1) });

/** Puts a revision's title and body back (a new save, so it is itself undoable). */
export async function restoreRevisionAction(form: FormData): Promise<void> {
  const parsed = restoreForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) redirect('/admin/posts');
  const { id: postId, revisionId, version } = parsed.data;
  const history = `/admin/posts/${postId}/history?rev=${revisionId}`;
  const viewer = await getViewer();
  const [post, revision] = await Promise.all([getPostForEdit(viewer, postId), getRevision(postId, revisionId)]);
  if (!post || !revision) redirect('/admin/posts');
  const input = postInputSchema.safeParse({ ...post, title: revision.title, body: revision.body, authorId: undefined });
  if (!input.success) return redirectWithFlash('history', { message: 'That revision cannot be restored as it is.', status: 400 }, history);
  let saved: Awaited<ReturnType<typeof savePost>>;
  try {
    saved = await savePost(viewer, postId, input.data, version);
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    console.error(`restoreRevisionAction: post ${postId} failed in the database`, error);
    return redirectWithFlash('history', { message: 'Could not restore: the database failed. Nothing was changed; try again.', status: 503 }, history);
  }
  if (!saved.ok) return redirectWithFlash('history', { message: saved.message, status: saved.status }, history);
  if (saved.tags.length) invalidate(...saved.tags);
  return redirectWithFlash('editor', { ok: true, message: `Restored the revision of ${revision.createdAt.slice(0, 16).replace('T', ' ')} UTC.` }, `/admin/posts/${postId}`);
}
