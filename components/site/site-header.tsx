import Link from 'next/link';
import { Suspense } from 'react';
import type { Dictionary } from '@/lib/i18n';
import { AccountMenu } from './account-menu';

// The site header as on the Wix page: the site name and a search box. The search box is
// a plain GET form, so it works without any JavaScript.
export function SiteHeader({ siteName, t }: { siteName: string; t: Dictionary }) {
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="text-2xl font-semibold tracking-tight text-neutral-900">
          {siteName}
        </Link>
        <nav aria-label={t.blog} className="flex items-center gap-5 text-sm">
          <Link href="/blog" className="text-neutral-700 hover:text-neutral-900">
            {t.allPosts}
          </Link>
          <form action="/search" method="get" role="search" className="flex items-center">
            <label htmlFor="site-search" className="sr-only">
              {t.searchLabel}
            </label>
            <input
              id="site-search"
              name="q"
              type="search"
              maxLength={200}
              placeholder={t.searchPlaceholder}
              className="w-44 rounded-l-md border border-neutral-400 px-3 py-1.5 text-sm sm:w-56"
            />
            <button type="submit" className="rounded-r-md border border-l-0 border-neutral-800 bg-neutral-800 px-3 py-1.5 text-sm text-white">
              {t.search}
            </button>
          </form>
          {/* usePathname (for the way back after signing in) needs a boundary on routes with unknown params. */}
          <Suspense
            fallback={
              <Link href="/signin" prefetch={false} className="text-neutral-700 hover:text-neutral-900">
                {t.logIn}
              </Link>
            }
          >
            <AccountMenu strings={{ logIn: t.logIn, signOut: t.accountUi.signOut }} />
          </Suspense>
        </nav>
      </div>
    </header>
  );
}
