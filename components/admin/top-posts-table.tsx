import Link from 'next/link';
import type { TopPost } from '@/lib/dal/stats';
import type { StatsPeriod } from '@/lib/validations/stats';

// The stats page's most viewed posts for a period, with a period chooser made of plain
// links (works without JavaScript; the current one is marked aria-current).

const PERIOD_LABELS: Record<StatsPeriod, string> = { '7': '7 days', '30': '30 days', '90': '90 days', all: 'All time' };

export function TopPostsTable({
  posts,
  period,
  periods,
  current,
}: {
  posts: (TopPost & { href: string })[];
  period: StatsPeriod;
  periods: { period: StatsPeriod; href: string }[];
  /** Slug of the post whose chart is shown, if any. */
  current?: string;
}) {
  const cell = 'px-3 py-2 text-right tabular-nums';
  const label = period === 'all' ? 'all time' : `the last ${PERIOD_LABELS[period]} (UTC)`;
  return (
    <section aria-labelledby="top-posts-heading">
      <h2 id="top-posts-heading" className="mb-4 text-xl font-semibold">
        Top posts
      </h2>
      <nav aria-label="Period" className="mb-4 flex flex-wrap gap-2">
        {periods.map((p) => (
          <Link
            key={p.period}
            href={p.href}
            aria-current={p.period === period ? 'page' : undefined}
            className="chip aria-[current=page]:bg-neutral-900 aria-[current=page]:text-white"
          >
            {PERIOD_LABELS[p.period]}
          </Link>
        ))}
      </nav>
      {posts.length === 0 ? (
        <p className="text-neutral-700">No views in {label}.</p>
      ) : (
        <table className="w-full rounded-md border border-neutral-200 bg-white text-sm" data-testid="top-posts">
          <caption className="mb-2 text-left text-neutral-700">Most viewed posts in {label}, with their visible comments of the same period</caption>
          <thead>
            <tr className="border-b border-neutral-300">
              <th scope="col" className="px-3 py-2 text-right">
                Rank
              </th>
              <th scope="col" className="px-3 py-2 text-left">
                Post
              </th>
              <th scope="col" className={cell}>
                Views
              </th>
              <th scope="col" className={cell}>
                Comments
              </th>
            </tr>
          </thead>
          <tbody>
            {posts.map((p, i) => (
              <tr key={p.slug} className="border-b border-neutral-100">
                <td className={cell}>{i + 1}</td>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={p.href} className="btn-link" aria-current={p.slug === current ? 'true' : undefined}>
                    {p.title}
                  </Link>
                </th>
                <td className={cell}>{p.views.toLocaleString('en-US')}</td>
                <td className={cell}>{p.comments.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
