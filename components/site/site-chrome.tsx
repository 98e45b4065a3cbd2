import type { ReactNode } from 'react';
import { getSiteContext } from '@/lib/site';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/** Skip link, header, main landmark and footer around every reader-facing page. */
export async function SiteChrome({ children }: { children: ReactNode }) {
  const { settings, t } = await getSiteContext();
  return (
    <>
      <a href="#main" className="skip-link">
        {t.skipToContent}
      </a>
      <SiteHeader siteName={settings.siteName} t={t} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-10">
        {children}
      </main>
      <SiteFooter siteName={settings.siteName} t={t} />
    </>
  );
}
