import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin' }, robots: { index: false, follow: false } };

// The admin area's frame. proxy.ts lets only staff in (and each section only the roles it
// allows); each page checks the session and role itself too. The section links are the
// admin home's (/admin), which knows the viewer: this frame stays static.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-neutral-200 bg-neutral-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/admin" className="font-semibold">
            Quire admin
          </Link>
          <nav aria-label="Admin" className="flex gap-5 text-sm">
            <Link href="/admin">Sections</Link>
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
