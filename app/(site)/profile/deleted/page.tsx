import type { Metadata } from 'next';
import Link from 'next/link';
import { getSiteContext } from '@/lib/site';

// Where "Delete my account" leads (lib/actions/account-deletion.ts): the same for everyone,
// it says nothing about any account.

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.myDataUi.deletedTitle, robots: { index: false, follow: false } };
}

export default async function AccountDeletedPage() {
  const { t } = await getSiteContext();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-3xl font-semibold">{t.myDataUi.deletedTitle}</h1>
      <p role="status" className="mb-6 text-neutral-700">
        {t.myDataUi.deletedText}
      </p>
      <Link href="/" className="btn-link">
        {t.goHome}
      </Link>
    </div>
  );
}
