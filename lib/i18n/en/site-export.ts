import { formatWait } from '../format';

// English strings of the site export on /admin (app/api/admin/export/route.ts).

export const siteExportUi = {
  heading: 'Export',
  text: 'The whole site as one file (posts, revisions, categories and tags, users without passwords, comments, settings and uploads), to keep as a backup or to restore into an empty site with npm run import.',
  download: 'Download the site',
  signIn: 'Sign in as an admin to export the site.',
  adminsOnly: 'Only admins can export the site.',
  tooMany: (seconds: number) => `Too many exports. Try again in ${formatWait(seconds, 'en')}.`,
};

export type SiteExportUi = typeof siteExportUi;
