import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin' }, robots: { index: false, follow: false } };

// The admin area's frame. Each admin page checks the session and role itself.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-neutral-200 bg-neutral-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/admin/comments" className="font-semibold">
            Quire admin
          </Link>
          <nav aria-label="Admin" className="flex gap-5 text-sm">
            <Link href="/admin/comments">Comments</Link>
            <Link href="/">View site</Link>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </>
  );
}
