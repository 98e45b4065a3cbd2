import { siteUrl } from '@/lib/site-url';
import { listPageHref } from '@/lib/seo/list-links';
import type { Cursor } from '@/lib/validations/listing';

/**
 * The canonical, `rel="prev"` and `rel="next"` links of one page of a list. React puts
 * `<link>` elements in the document's head wherever they are rendered, and list pages
 * render whole before their first byte (`instant = false`), so they reach the head a
 * crawler reads. They are written here, not in generateMetadata, because only the page's
 * data says where its neighbours start.
 */
export function ListHeadLinks({ canonical, basePath, prev, next }: { canonical: string; basePath: string; prev: Cursor | null; next: Cursor | null }) {
  return (
    <>
      <link rel="canonical" href={siteUrl(canonical)} />
      {prev ? <link rel="prev" href={siteUrl(listPageHref(basePath, prev, 'back'))} /> : null}
      {next ? <link rel="next" href={siteUrl(listPageHref(basePath, next))} /> : null}
    </>
  );
}
