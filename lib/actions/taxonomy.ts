'use server';

import { canManageTaxonomy } from '@/lib/auth/permissions';
import { invalidate } from '@/lib/cache-invalidation';
import { createCategory, deleteCategory, deleteTag, mergeTags, updateCategory, updateTag, type TaxonomyFailure } from '@/lib/dal/taxonomy-admin';
import { getViewer, type Viewer } from '@/lib/dal/users';
import { answerForm, redirectWithFlash } from '@/lib/form-flash';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { categoryInputSchema, mergeTagsSchema, tagInputSchema, termIdSchema } from '@/lib/validations/taxonomy';

// The "Categories and tags" forms (/admin/taxonomy). Each parses, checks the session, calls
// the DAL (which checks the role again), invalidates what the DAL says changed and answers
// through answerForm, so every form works without JavaScript. A delete or a merge ends on
// another page: its notice travels under the flash key 'taxonomy'.

type State = NonNullable<FormState>;

const LIST = '/admin/taxonomy';
const categoryPage = (id: string) => `${LIST}/categories/${id}`;
const tagPage = (id: string) => `${LIST}/tags/${id}`;
const REFUSED: State = { message: 'Only editors and admins manage categories and tags.', status: 403 };

/** The viewer when they may manage categories and tags, else null. */
async function manager(): Promise<Viewer | null> {
  const viewer = await getViewer();
  return canManageTaxonomy(viewer) ? viewer : null;
}

function failed(result: TaxonomyFailure, values: Record<string, string>): State {
  return { message: result.message, fieldErrors: result.fieldErrors, values, status: result.status };
}

/** The id a form names, or '' (which the DAL never finds). */
function idOf(form: FormData): string {
  const parsed = termIdSchema.safeParse(form.get('id'));
  return parsed.success ? parsed.data : '';
}

export async function createCategoryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['name', 'slug', 'description']);
  const answer = (state: State) => answerForm('category-form', state, LIST);
  const viewer = await manager();
  if (!viewer) return answer({ ...REFUSED, values });
  const parsed = categoryInputSchema.safeParse(values);
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400 });
  const result = await createCategory(viewer, parsed.data);
  if (!result.ok) return answer(failed(result, values));
  invalidate(...result.tags);
  return answer({ ok: true, message: `Category “${parsed.data.name}” created at /blog/categories/${result.slug}.` });
}

export async function updateCategoryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = idOf(form);
  const values = formValues(form, ['name', 'slug', 'description']);
  const answer = (state: State) => answerForm('category-form', state, id ? categoryPage(id) : LIST);
  const viewer = await manager();
  if (!viewer) return answer({ ...REFUSED, values });
  const parsed = categoryInputSchema.safeParse(values);
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400 });
  const result = await updateCategory(viewer, id, parsed.data);
  if (!result.ok) return result.status === 404 ? redirectWithFlash('taxonomy', { message: result.message, status: 404 }, LIST) : answer(failed(result, values));
  invalidate(...result.tags);
  return answer({ ok: true, message: 'Saved. Public pages show it from the next request.', values: { ...values, slug: result.slug } });
}

export async function deleteCategoryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = idOf(form);
  const viewer = await manager();
  if (!viewer) return answerForm('category-delete', REFUSED, id ? categoryPage(id) : LIST);
  const result = await deleteCategory(viewer, id);
  if (!result.ok) return result.status === 404 ? redirectWithFlash('taxonomy', { message: result.message, status: 404 }, LIST) : answerForm('category-delete', failed(result, {}), categoryPage(id));
  invalidate(...result.tags);
  return redirectWithFlash('taxonomy', { ok: true, message: `Deleted the category “${result.name}”. ${postsKept(result.posts)}` }, LIST);
}

export async function updateTagAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = idOf(form);
  const values = formValues(form, ['name', 'slug']);
  const answer = (state: State) => answerForm('tag-form', state, id ? tagPage(id) : LIST);
  const viewer = await manager();
  if (!viewer) return answer({ ...REFUSED, values });
  const parsed = tagInputSchema.safeParse(values);
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400 });
  const result = await updateTag(viewer, id, parsed.data);
  if (!result.ok) return result.status === 404 ? redirectWithFlash('taxonomy', { message: result.message, status: 404 }, LIST) : answer(failed(result, values));
  invalidate(...result.tags);
  return answer({ ok: true, message: 'Saved. Public pages show it from the next request.', values: { ...values, slug: result.slug } });
}

export async function mergeTagAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = idOf(form);
  const values = formValues(form, ['into']);
  const answer = (state: State) => answerForm('tag-merge', state, id ? tagPage(id) : LIST);
  const viewer = await manager();
  if (!viewer) return answer({ ...REFUSED, values });
  const parsed = mergeTagsSchema.safeParse({ id, into: values.into });
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400 });
  const result = await mergeTags(viewer, parsed.data.id, parsed.data.into);
  if (!result.ok) return result.status === 404 ? redirectWithFlash('taxonomy', { message: result.message, status: 404 }, LIST) : answer(failed(result, values));
  invalidate(...result.tags);
  const posts = result.moved === 1 ? '1 post' : `${result.moved} posts`;
  return redirectWithFlash('taxonomy', { ok: true, message: `Merged: ${posts} moved to “${result.target.name}”, and the old tag’s address now leads here.` }, tagPage(result.target.id));
}

export async function deleteTagAction(_prev: FormState, form: FormData): Promise<FormState> {
  const id = idOf(form);
  const viewer = await manager();
  if (!viewer) return answerForm('tag-delete', REFUSED, id ? tagPage(id) : LIST);
  const result = await deleteTag(viewer, id);
  if (!result.ok) return result.status === 404 ? redirectWithFlash('taxonomy', { message: result.message, status: 404 }, LIST) : answerForm('tag-delete', failed(result, {}), tagPage(id));
  invalidate(...result.tags);
  return redirectWithFlash('taxonomy', { ok: true, message: `Deleted the tag “${result.name}”. ${postsKept(result.posts)}` }, LIST);
}

function postsKept(posts: number): string {
  if (posts === 0) return 'No post had it.';
  return posts === 1 ? 'Its post stays, without it.' : `Its ${posts} posts stay, without it.`;
}
