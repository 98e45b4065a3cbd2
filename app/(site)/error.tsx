'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { errorPageStrings } from '@/lib/i18n/error-page';

const subscribe = () => () => {};

// Keeps the site header and footer (they come from the layout) and offers a retry.
export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = useSyncExternalStore(subscribe, () => document.documentElement.lang, () => 'en');
  useEffect(() => {
    console.error(error);
  }, [error]);
  const t = errorPageStrings(lang);
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-semibold">{t.errorTitle}</h1>
      <p className="mt-4 text-neutral-700">{t.errorText}</p>
      <button type="button" onClick={reset} className="btn-primary mt-8">
        {t.retry}
      </button>
    </div>
  );
}
