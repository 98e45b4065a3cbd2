import 'server-only';
import { getSiteSettings, type SiteSettings } from '@/lib/dal/settings';
import { getDictionary, type Dictionary, type Locale } from '@/lib/i18n';

export type SiteContext = { settings: SiteSettings; t: Dictionary; locale: Locale };

/** Settings plus the dictionary of the site's language: what every page renders with. */
export async function getSiteContext(): Promise<SiteContext> {
  const settings = await getSiteSettings();
  return { settings, t: getDictionary(settings.language), locale: settings.language };
}
