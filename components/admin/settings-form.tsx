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
  // A form that came back holds exactly what was sent, and an unticked box is not sent.
  const ticked = (name: 'commentsEnabled' | 'holdFirstComments') => (state?.values ? v[name] === 'on' : settings[name]);
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
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="commentsEnabled" defaultChecked={ticked('commentsEnabled')} aria-describedby="comments-enabled-hint" />
          Readers may comment
        </label>
        <p id="comments-enabled-hint" className="-mt-2 ml-6 text-sm text-neutral-600">
          Off: existing comments stay readable, nobody can add, reply, edit or like.
        </p>
        <FormField label="Reply levels" name="commentMaxDepth" type="number" min={1} max={6} defaultValue={text('commentMaxDepth')} error={e.commentMaxDepth} hint="Deeper replies join the deepest level." />
        <FormField label="Threads per page" name="commentsPerPage" type="number" min={5} max={200} defaultValue={text('commentsPerPage')} error={e.commentsPerPage} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="holdFirstComments" defaultChecked={ticked('holdFirstComments')} />
          Hold a new account’s first comment for a moderator
        </label>
        <FormField label="Edit window (minutes)" name="commentEditMinutes" type="number" min={0} max={1440} defaultValue={text('commentEditMinutes')} error={e.commentEditMinutes} hint="How long a reader may edit a comment after posting it; 0 turns editing off." />
        <label className="block text-sm font-medium">
          When a reader deletes their account
          <select name="deletedAccountComments" defaultValue={text('deletedAccountComments')} className="field-input" aria-describedby="deleted-account-hint">
            <option value="keep">Keep their comments, shown as “Deleted account”</option>
            <option value="remove">Remove the text of their comments</option>
          </select>
        </label>
        <p id="deleted-account-hint" className="-mt-2 text-sm text-neutral-600">
          Either way replies by others stay; readers see “Deleted account” (“Cuenta eliminada” in Spanish).
        </p>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
