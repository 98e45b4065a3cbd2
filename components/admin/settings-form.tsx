'use client';

import { useActionState } from 'react';
import { FormField, FormMessage } from '@/components/ui/form-field';
import { saveSettingsAction } from '@/lib/actions/settings';
import type { SiteSettings } from '@/lib/dal/settings';
import type { FormState } from '@/lib/validations/form-state';

// The site settings form: a plain form post without JavaScript (the answer comes back
// through the flash), inline errors that keep what was typed with it.
export function SettingsForm({ settings, initialState }: { settings: SiteSettings; initialState: FormState }) {
  const [state, action, pending] = useActionState(saveSettingsAction, initialState);
  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  const text = (name: keyof SiteSettings) => v[name] ?? String(settings[name]);
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      {state?.ok ? (
        <p role="status" className="text-teal-800">
          {state.message}
        </p>
      ) : (
        <FormMessage message={state?.message} />
      )}
      <FormField label="Site name" name="siteName" required maxLength={80} defaultValue={text('siteName')} error={e.siteName} />
      <FormField label="Description" name="siteDescription" maxLength={300} defaultValue={text('siteDescription')} error={e.siteDescription} hint="Shown under the name and in search results." />
      <label className="block text-sm font-medium">
        Language
        <select name="language" defaultValue={text('language')} className="field-input">
          <option value="en">English</option>
          <option value="es">Español</option>
        </select>
      </label>
      <FormField label="Posts per page" name="postsPerPage" type="number" min={1} max={50} defaultValue={text('postsPerPage')} error={e.postsPerPage} />
      <fieldset className="space-y-3 rounded-md border border-neutral-200 p-4">
        <legend className="px-1 text-sm font-semibold">Comments</legend>
        <FormField label="Reply levels" name="commentMaxDepth" type="number" min={1} max={6} defaultValue={text('commentMaxDepth')} error={e.commentMaxDepth} hint="Deeper replies join the deepest level." />
        <FormField label="Threads per page" name="commentsPerPage" type="number" min={5} max={200} defaultValue={text('commentsPerPage')} error={e.commentsPerPage} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="holdFirstComments" defaultChecked={v.holdFirstComments ? v.holdFirstComments === 'on' : settings.holdFirstComments} />
          Hold a new account’s first comment for a moderator
        </label>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
