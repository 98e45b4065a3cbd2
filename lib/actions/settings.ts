'use server';

import { isAdmin } from '@/lib/auth/permissions';
import { invalidate } from '@/lib/cache-invalidation';
import { TAGS } from '@/lib/cache-tags';
import { saveSiteSettings } from '@/lib/dal/settings';
import { getViewer } from '@/lib/dal/users';
import { answerForm } from '@/lib/form-flash';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { settingsFormSchema } from '@/lib/validations/settings';

const FIELDS = ['siteName', 'siteDescription', 'language', 'postsPerPage', 'commentMaxDepth', 'commentsPerPage', 'commentsEnabled', 'holdFirstComments', 'commentEditMinutes', 'deletedAccountComments'];

/** Site settings (admins): saved, then every page that reads them is renewed on its next request. */
export async function saveSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, FIELDS);
  const answer = (state: NonNullable<FormState>) => answerForm('settings', state, '/admin/settings');
  const viewer = await getViewer();
  if (!isAdmin(viewer)) return answer({ message: 'Only admins change the site settings.', values, status: 403 });
  const parsed = settingsFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answer({ message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values, status: 400 });
  await saveSiteSettings(viewer, parsed.data);
  invalidate(TAGS.settings, TAGS.posts);
  return answer({ ok: true, message: 'Settings saved. Pages show them from the next request.', values });
}
