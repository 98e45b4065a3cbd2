import type { MetadataRoute } from 'next';
import { ICON_BACKGROUND } from '@/components/seo/site-icon';
import { getSiteSettings } from '@/lib/dal/settings';

// The web app manifest (/manifest.webmanifest): the site's name and its generated icons.
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const settings = await getSiteSettings();
  return {
    name: settings.siteName,
    short_name: settings.siteName,
    ...(settings.siteDescription ? { description: settings.siteDescription } : {}),
    lang: settings.language,
    start_url: '/',
    scope: '/',
    display: 'minimal-ui',
    background_color: '#fafafa',
    theme_color: ICON_BACKGROUND,
    icons: [192, 512].map((size) => ({ src: `/icon/${size}`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' as const })),
  };
}
