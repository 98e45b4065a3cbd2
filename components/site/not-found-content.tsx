import Link from 'next/link';
import { getSiteContext } from '@/lib/site';

export async function NotFoundContent() {
  const { t } = await getSiteContext();
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-semibold">{t.notFoundTitle}</h1>
      <p className="mt-4 text-neutral-700">{t.notFoundText}</p>
      <p className="mt-8">
        <Link href="/" className="btn-link">
          {t.goHome}
        </Link>
      </p>
    </div>
  );
}
