import type { Dictionary } from '@/lib/i18n';

export function SiteFooter({ siteName, t }: { siteName: string; t: Dictionary }) {
  return (
    <footer className="mt-16 border-t border-neutral-200 py-8 text-center text-sm text-neutral-600">
      <p>{t.footer(siteName)}</p>
      <p className="mt-2">
        <a href="/rss.xml" className="underline">
          {t.feed}
        </a>
      </p>
    </footer>
  );
}
