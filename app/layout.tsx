import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getSiteSettings } from '@/lib/dal/settings';
import { env } from '@/lib/env';
import { feedAlternates } from '@/lib/feeds/discovery';
import { siteShareImage } from '@/lib/og/urls';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getSiteSettings();
  return {
    metadataBase: new URL(env().SITE_URL),
    title: { default: settings.siteName, template: `%s | ${settings.siteName}` },
    description: settings.siteDescription || undefined,
    alternates: { types: await feedAlternates() },
    // Every page shares the site's image unless it has its own (a post: components/post/post-page.tsx).
    openGraph: { siteName: settings.siteName, type: 'website', images: [siteShareImage(settings)] },
    twitter: { card: 'summary_large_image', images: [siteShareImage(settings)] },
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
