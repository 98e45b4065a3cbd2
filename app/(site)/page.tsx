import Link from 'next/link';
import { PostGrid } from '@/components/post/post-card';
import { WebSiteJsonLd } from '@/components/seo/site-json-ld';
import { Pagination } from '@/components/ui/pagination';
import { getPostPage } from '@/lib/dal/posts';
import { getSiteContext } from '@/lib/site';

// The blog home: the newest posts; "Older posts" continues on /blog.
export default async function HomePage() {
  const { settings, t, locale } = await getSiteContext();
  const page = await getPostPage({}, null, 'forward', settings.postsPerPage);
  return (
    <>
      <WebSiteJsonLd />
      <div className="mb-8 flex items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">{settings.siteName}</h1>
        <Link href="/blog" className="btn-link">
          {t.seeAll}
        </Link>
      </div>
      {settings.siteDescription ? <p className="-mt-4 mb-8 text-neutral-700">{settings.siteDescription}</p> : null}
      <PostGrid posts={page.cards} t={t} locale={locale} />
      <Pagination basePath="/blog" prev={null} next={page.next} t={t} />
    </>
  );
}
