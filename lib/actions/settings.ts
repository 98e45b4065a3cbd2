'use server';

import { isAdmin } from '@/lib/auth/permissions';
import { TAGS } from '@/lib/cache-tags';
import { saveSiteSettings } from '@/lib/dal/settings';
import { settingsFormSchema } from '@/lib/validations/settings';
import { formAction } from './form-action';

const FIELDS = ['siteName', 'siteDescription', 'language', 'postsPerPage', 'commentMaxDepth', 'commentsPerPage', 'commentsEnabled', 'holdFirstComments', 'commentEditMinutes', 'deletedAccountComments'];

/** Site settings (admins): saved, then every page that reads them is renewed on its next request. */
export const saveSettingsAction = formAction(
  {
    key: 'settings',
    back: '/admin/settings',
    keep: FIELDS,
    can: (viewer) => (isAdmin(viewer) ? null : { message: 'Only admins change the site settings.', status: 403 }),
    schema: settingsFormSchema,
  },
  async ({ viewer, input, values }) => {
    await saveSiteSettings(viewer, input);
    return { ok: true, tags: [TAGS.settings, TAGS.posts], then: { answer: { ok: true, message: 'Settings saved. Pages show them from the next request.', values } } };
  },
);
