import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getSiteSettings } from '@/lib/dal/settings';
import { env } from '@/lib/env';
import { feedAlternates } from '@/lib/feeds/discovery';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getSiteSettings();
  return {
    metadataBase: new URL(env().SITE_URL),
    title: { default: settings.siteName, template: `%s | ${settings.siteName}` },
    description: settings.siteDescription || undefined,
    alternates: { types: await feedAlternates() },
    openGraph: { siteName: settings.siteName, type: 'website' },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const settings = await getSiteSettings();
  return (
    <html lang={settings.language}>
      <body className="flex min-h-screen flex-col bg-neutral-50 text-neutral-900 antialiased">{children}</body>
    </html>
  );
}
