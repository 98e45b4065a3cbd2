import { ImageResponse } from 'next/og';
import { getSiteSettings } from '@/lib/dal/settings';
import { iconInitial } from '@/lib/seo/icon-initial';

// The site's icon, drawn from its name: the initial in white on the header's near-black,
// rounded like the site's cards. Used by app/icon.tsx, app/apple-icon.tsx, /favicon.ico
// and the manifest. It reads the settings through their cached read (tag `settings`), so
// renaming the site redraws every icon.

export const ICON_BACKGROUND = '#171717';

/** A square PNG of `size` pixels. */
export async function siteIconResponse(size: number, { rounded = true }: { rounded?: boolean } = {}): Promise<ImageResponse> {
  const { siteName } = await getSiteSettings();
  return new ImageResponse(
    (
      <div
        style={{
          width: '100%',
          height: '100%',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: ICON_BACKGROUND,
          color: '#ffffff',
          borderRadius: rounded ? Math.round(size * 0.2) : 0,
          fontSize: Math.round(size * 0.68),
          lineHeight: 1,
        }}
      >
        {iconInitial(siteName)}
      </div>
    ),
    { width: size, height: size },
  );
}
