import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { StatsChart } from '@/components/admin/stats-chart';
import { TopPostsTable } from '@/components/admin/top-posts-table';
import { signInPath } from '@/lib/auth/callback';
import { canUseAdmin } from '@/lib/auth/permissions';
import { getPostSeries, getSiteSeries, getSiteTotals, getTopPosts } from '@/lib/dal/stats';
import { getViewer } from '@/lib/dal/users';
import { STATS_PERIODS, statsQuerySchema, type StatsPeriod } from '@/lib/validations/stats';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts), like
// the moderation queue: the chart and its table must be there without JavaScript.
export const instant = false;

export const metadata: Metadata = { title: 'Stats' };

const DAYS = 30;

function statsPath({ period, post }: { period: StatsPeriod; post?: string }): string {
  const query = new URLSearchParams();
  if (post) query.set('post', post);
  if (period !== '30') query.set('period', period);
  const qs = query.toString();
  return `/admin/stats${qs ? `?${qs}` : ''}`;
}

export default function StatsPage({ searchParams }: PageProps<'/admin/stats'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Stats</h1>
      <Stats searchParams={searchParams} />
    </>
  );
}

async function Stats({ searchParams }: { searchParams: PageProps<'/admin/stats'>['searchParams'] }) {
  const { period, post: slug } = statsQuerySchema.parse(await searchParams);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(statsPath({ period, post: slug })));
  // canUseAdmin narrows to Actor, which every Viewer is: keep the name before the check.
  const { name } = viewer;
  if (!canUseAdmin(viewer)) {
    return (
      <p role="alert" className="form-message">
        The stats are for the site&apos;s writers and editors. You are signed in as {name}, who is not one of them.
      </p>
    );
  }
  const [totals, top, postStats] = await Promise.all([getSiteTotals(viewer), getTopPosts(viewer, period), slug ? getPostSeries(viewer, slug, { days: DAYS }) : null]);
  // An unknown ?post= says so and falls back to the site-wide chart.
  const site = postStats ? null : await getSiteSeries(viewer, { days: DAYS });

  return (
    <>
      <dl className="mb-8 grid grid-cols-3 gap-4" aria-label="All time">
        {(
          [
            ['Views, all time', totals.views],
            ['Visible comments, all time', totals.comments],
            ['Published posts', totals.publishedPosts],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-md border border-neutral-200 bg-white p-4">
            <dt className="text-sm text-neutral-700">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{value.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="chart-heading" className="mb-10">
        {slug && !postStats ? (
          <p role="alert" className="form-message mb-4">
            No post has the address “{slug}”. Showing the whole site instead.
          </p>
        ) : null}
        {postStats ? (
          <>
            <h2 id="chart-heading" className="mb-1 text-xl font-semibold">
              {postStats.post.title}: last {DAYS} days
            </h2>
            <p className="mb-4 text-sm text-neutral-700">
              {postStats.post.inTrash ? 'In the trash' : postStats.post.status.toLowerCase()} · {postStats.post.allTimeViews.toLocaleString('en-US')} views and{' '}
              {postStats.post.allTimeComments.toLocaleString('en-US')} visible comments all time ·{' '}
              {postStats.post.status !== 'DRAFT' && !postStats.post.inTrash ? (
                <>
                  <Link href={`/post/${postStats.post.slug}`} className="btn-link">
                    Open the post
                  </Link>{' '}
                  ·{' '}
                </>
              ) : null}
              <Link href={statsPath({ period })} className="btn-link">
                Whole site
              </Link>
            </p>
            <StatsChart id="post-chart" heading={`${postStats.post.title}, last ${DAYS} days`} series={postStats.series} />
          </>
        ) : site ? (
          <>
            <h2 id="chart-heading" className="mb-4 text-xl font-semibold">
              Whole site: last {DAYS} days
            </h2>
            <StatsChart id="site-chart" heading={`whole site, last ${DAYS} days`} series={site} />
          </>
        ) : null}
      </section>

      <TopPostsTable
        posts={top.map((p) => ({ ...p, href: statsPath({ period, post: p.slug }) }))}
        period={period}
        periods={STATS_PERIODS.map((p) => ({ period: p, href: statsPath({ period: p, post: postStats?.post.slug }) }))}
        current={postStats?.post.slug}
      />
    </>
  );
}
