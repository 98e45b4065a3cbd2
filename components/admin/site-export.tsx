import type { SiteExportUi } from '@/lib/i18n/en/site-export';

// "Export" on /admin (admins only): a plain link to the GET route, so it works without
// JavaScript and the browser shows the download as it arrives.
export function SiteExport({ strings }: { strings: SiteExportUi }) {
  return (
    <section aria-labelledby="site-export" className="mt-8">
      <h2 id="site-export" className="mb-2 text-xl font-semibold">
        {strings.heading}
      </h2>
      <p className="mb-3 max-w-prose text-neutral-700">{strings.text}</p>
      <a href="/api/admin/export" download className="btn-primary inline-block">
        {strings.download}
      </a>
    </section>
  );
}
