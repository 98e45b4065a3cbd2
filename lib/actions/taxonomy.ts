'use server';

import { canManageTaxonomy } from '@/lib/auth/permissions';
import { createCategory, deleteCategory, deleteTag, mergeTags, updateCategory, updateTag } from '@/lib/dal/taxonomy-admin';
import type { Refused } from '@/lib/dal/result';
import { formValues } from '@/lib/validations/form-state';
import { categoryInputSchema, mergeTagsSchema, tagInputSchema, termIdSchema } from '@/lib/validations/taxonomy';
import { formAction, type Coded, type Rule } from './form-action';

// The "Categories and tags" forms (/admin/taxonomy), through formAction: the session and
// role, the schema, the DAL (which checks the role again), the tags it says changed, and
// an answer that works without JavaScript. A delete or a merge ends on another page, as
// does a term that is gone: their notice travels under the flash key 'taxonomy'.

const LIST = '/admin/taxonomy';
const categoryPage = (id: string) => `${LIST}/categories/${id}`;
const tagPage = (id: string) => `${LIST}/tags/${id}`;
const CATEGORY_FIELDS = ['name', 'slug', 'description'];
const TAG_FIELDS = ['name', 'slug'];

const manager: Rule = (viewer) => (canManageTaxonomy(viewer) ? null : { message: 'Only editors and admins manage categories and tags.', status: 403 });

/** The id a form names, or '' (which the DAL never finds). */
function idOf(form: FormData): string {
  const parsed = termIdSchema.safeParse(form.get('id'));
  return parsed.success ? parsed.data : '';
}

const onPage = (page: (id: string) => string) => (form: FormData) => {
  const id = idOf(form);
  return id ? page(id) : LIST;
};

/** A term that is gone is told on the list; any other refusal on the form. */
function refused(result: Refused): Coded {
  return result.status === 404 ? { ...result, elsewhere: { key: 'taxonomy', to: LIST } } : result;
}

function postsKept(posts: number): string {
  if (posts === 0) return 'No post had it.';
  return posts === 1 ? 'Its post stays, without it.' : `Its ${posts} posts stay, without it.`;
}

export const createCategoryAction = formAction(
  { key: 'category-form', back: LIST, keep: CATEGORY_FIELDS, can: manager, schema: categoryInputSchema, input: (form) => formValues(form, CATEGORY_FIELDS) },
  async ({ viewer, input }) => {
    const result = await createCategory(viewer, input);
    if (!result.ok) return result;
    return { ok: true, tags: result.tags, then: { answer: { ok: true, message: `Category “${input.name}” created at /blog/categories/${result.slug}.` } } };
  },
);

export const updateCategoryAction = formAction(
  { key: 'category-form', back: onPage(categoryPage), keep: CATEGORY_FIELDS, can: manager, schema: categoryInputSchema, input: (form) => formValues(form, CATEGORY_FIELDS) },
  async ({ viewer, input, form, values }) => {
    const result = await updateCategory(viewer, idOf(form), input);
    if (!result.ok) return refused(result);
    return { ok: true, tags: result.tags, then: { answer: { ok: true, message: 'Saved. Public pages show it from the next request.', values: { ...values, slug: result.slug } } } };
  },
);

export const deleteCategoryAction = formAction({ key: 'category-delete', back: onPage(categoryPage), can: manager }, async ({ viewer, form }) => {
  const result = await deleteCategory(viewer, idOf(form));
  if (!result.ok) return refused(result);
  return { ok: true, tags: result.tags, then: { flash: { key: 'taxonomy', state: { ok: true, message: `Deleted the category “${result.name}”. ${postsKept(result.posts)}` }, to: LIST } } };
});

export const updateTagAction = formAction(
  { key: 'tag-form', back: onPage(tagPage), keep: TAG_FIELDS, can: manager, schema: tagInputSchema, input: (form) => formValues(form, TAG_FIELDS) },
  async ({ viewer, input, form, values }) => {
    const result = await updateTag(viewer, idOf(form), input);
    if (!result.ok) return refused(result);
    return { ok: true, tags: result.tags, then: { answer: { ok: true, message: 'Saved. Public pages show it from the next request.', values: { ...values, slug: result.slug } } } };
  },
);

export const mergeTagAction = formAction(
  { key: 'tag-merge', back: onPage(tagPage), keep: ['into'], can: manager, schema: mergeTagsSchema, input: (form) => ({ id: idOf(form), into: formValues(form, ['into']).into }) },
  async ({ viewer, input }) => {
    const result = await mergeTags(viewer, input.id, input.into);
    if (!result.ok) return refused(result);
    const posts = result.moved === 1 ? '1 post' : `${result.moved} posts`;
    const message = `Merged: ${posts} moved to “${result.target.name}”, and the old tag’s address now leads here.`;
    return { ok: true, tags: result.tags, then: { flash: { key: 'taxonomy', state: { ok: true, message }, to: tagPage(result.target.id) } } };
  },
);

export const deleteTagAction = formAction({ key: 'tag-delete', back: onPage(tagPage), can: manager }, async ({ viewer, form }) => {
  const result = await deleteTag(viewer, idOf(form));
  if (!result.ok) return refused(result);
  return { ok: true, tags: result.tags, then: { flash: { key: 'taxonomy', state: { ok: true, message: `Deleted the tag “${result.name}”. ${postsKept(result.posts)}` }, to: LIST } } };
});
