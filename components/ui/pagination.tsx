import Link from 'next/link';
import type { Dictionary } from '@/lib/i18n';
import { listPageHref } from '@/lib/seo/list-links';
import type { Cursor } from '@/lib/validations/listing';

/** Newer / older links for a keyset-paginated list at `basePath`. */
export function Pagination({ basePath, prev, next, t }: { basePath: string; prev: Cursor | null; next: Cursor | null; t: Dictionary }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label={t.pagination} className="mt-10 flex items-center justify-between gap-4">
      {prev ? (
        <Link rel="prev" className="btn-link" href={listPageHref(basePath, prev, 'back')}>
          ← {t.newerPosts}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link rel="next" className="btn-link" href={listPageHref(basePath, next)}>
          {t.olderPosts} →
        </Link>
      ) : null}
    </nav>
  );
}
