'use client';

import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { createCategoryAction, deleteCategoryAction, deleteTagAction, mergeTagAction, updateCategoryAction, updateTagAction } from '@/lib/actions/taxonomy';
import type { FormState } from '@/lib/validations/form-state';

// The "Categories and tags" forms: plain form posts without JavaScript (the answer comes
// back through the flash), inline errors that keep what was typed.

type Term = { id: string; name: string; slug: string; description?: string; posts: number };

function Answer({ state }: { state: FormState }) {
  return state?.ok ? (
    <p role="status" className="text-teal-800">
      {state.message}
    </p>
  ) : (
    <FormMessage message={state?.message} />
  );
}

const SLUG_HINT_NEW = 'Lowercase letters, digits and hyphens; leave empty to make it from the name.';
const SLUG_HINT_EDIT = 'Changing it keeps the old address working: it redirects to the new one.';

/** A new category (no `category`) or an existing one's name, address and description. */
export function CategoryForm({ category, initialState }: { category?: Term; initialState: FormState }) {
  const [state, action, pending] = useActionState(category ? updateCategoryAction : createCategoryAction, initialState);
  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <Answer state={state} />
      {category ? <input type="hidden" name="id" value={category.id} /> : null}
      <FormField label="Name" name="name" required maxLength={60} defaultValue={v.name ?? category?.name ?? ''} error={e.name} />
      <FormField label="Address" name="slug" maxLength={60} defaultValue={v.slug ?? category?.slug ?? ''} error={e.slug} hint={category ? SLUG_HINT_EDIT : SLUG_HINT_NEW} />
      <div>
        <label htmlFor="field-description" className="block text-sm font-medium text-neutral-900">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          maxLength={300}
          defaultValue={v.description ?? category?.description ?? ''}
          aria-invalid={e.description ? true : undefined}
          aria-describedby={e.description ? 'field-description-error' : 'field-description-hint'}
          className="field-input"
        />
        {e.description ? (
          <p id="field-description-error" className="field-error">
            {e.description}
          </p>
        ) : (
          <p id="field-description-hint" className="mt-1 text-sm text-neutral-600">
            Shown at the top of the category’s page.
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? 'Saving…' : category ? 'Save category' : 'Create category'}
      </button>
    </form>
  );
}

export function TagForm({ tag, initialState }: { tag: Term; initialState: FormState }) {
  const [state, action, pending] = useActionState(updateTagAction, initialState);
  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <Answer state={state} />
      <input type="hidden" name="id" value={tag.id} />
      <FormField label="Name" name="name" required maxLength={40} defaultValue={v.name ?? tag.name} error={e.name} />
      <FormField label="Address" name="slug" maxLength={60} defaultValue={v.slug ?? tag.slug} error={e.slug} hint={SLUG_HINT_EDIT} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? 'Saving…' : 'Save tag'}
      </button>
    </form>
  );
}

/** Merging a tag into another: typed by name or address, with the most used tags suggested. */
export function MergeTagForm({ tag, suggestions, initialState }: { tag: Term; suggestions: { slug: string; name: string }[]; initialState: FormState }) {
  const [state, action, pending] = useActionState(mergeTagAction, initialState);
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <FormMessage message={state?.message} />
      <input type="hidden" name="id" value={tag.id} />
      <FormField
        label="Merge into"
        name="into"
        required
        maxLength={60}
        list="merge-suggestions"
        autoComplete="off"
        defaultValue={state?.values?.into ?? ''}
        error={state?.fieldErrors?.into}
        hint={`The other tag’s name or address. Its posts get it, and “${tag.name}” is deleted; its address leads to the other tag.`}
      />
      <datalist id="merge-suggestions">
        {suggestions.map((s) => (
          <option key={s.slug} value={s.slug}>
            {s.name}
          </option>
        ))}
      </datalist>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? 'Merging…' : `Merge “${tag.name}”`}
      </button>
    </form>
  );
}

/**
 * Delete, behind a second step that needs no script: the button is inside a <details>
 * the editor opens first, which says what happens to the posts.
 */
export function DeleteTermForm({ kind, term, initialState }: { kind: 'category' | 'tag'; term: Term; initialState: FormState }) {
  const [state, action, pending] = useActionState(kind === 'category' ? deleteCategoryAction : deleteTagAction, initialState);
  const posts = term.posts === 1 ? 'Its 1 post stays' : `Its ${term.posts} posts stay`;
  return (
    <details open={!!state?.message} className="max-w-xl rounded-md border border-red-200 p-4">
      <summary className="cursor-pointer font-medium text-red-800">Delete this {kind}…</summary>
      <form action={action} className="mt-3 space-y-3">
        <FormMessage message={state?.message} />
        <input type="hidden" name="id" value={term.id} />
        <p className="text-sm text-neutral-800">
          {term.posts > 0 ? `${posts}, without this ${kind}.` : `No post has this ${kind}.`} Its public page and any old address stop working.
        </p>
        <button type="submit" className="btn-secondary text-red-800" disabled={pending}>
          {pending ? 'Deleting…' : `Delete “${term.name}”`}
        </button>
      </form>
    </details>
  );
}
