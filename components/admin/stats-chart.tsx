import type { StatsDay, StatsSeries } from '@/lib/dal/stats';
import { niceTicks, shortDay } from '@/lib/stats/scale';

// Views and comments per day as an inline SVG drawn on the server: no chart library, no
// client JavaScript. Two panels on one day axis, each with its own scale (views usually
// dwarf comments; one shared scale would flatten the comments to nothing). The SVG is one
// image to assistive technology (role="img" with <title> and a <desc> that states the
// figures); the exact numbers are in the table under it, inside <details>, which works
// without CSS or JavaScript.

const WIDTH = 720;
const LEFT = 44;
const RIGHT = 12;
const PLOT_W = WIDTH - LEFT - RIGHT;
const VIEWS = { top: 28, height: 130 };
const COMMENTS = { top: VIEWS.top + VIEWS.height + 44, height: 70 };
const X_LABELS_Y = COMMENTS.top + COMMENTS.height + 18;
const HEIGHT = X_LABELS_Y + 30;

type Metric = 'views' | 'comments';

const LABELS: Record<Metric, { title: string; unit: [string, string]; bar: string; key: string }> = {
  views: { title: 'Views per day', unit: ['view', 'views'], bar: 'fill-sky-700', key: 'bg-sky-700' },
  comments: { title: 'Visible comments per day', unit: ['comment', 'comments'], bar: 'fill-emerald-700', key: 'bg-emerald-700' },
};

function plural(n: number, [one, many]: [string, string]): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function busiest(days: StatsDay[], metric: Metric): StatsDay | undefined {
  return days.reduce<StatsDay | undefined>((best, d) => (d[metric] > (best?.[metric] ?? 0) ? d : best), undefined);
}

function describe(series: StatsSeries): string {
  const first = series.days[0];
  const last = series.days.at(-1);
  if (!first || !last) return 'No days to show.';
  const parts = (['views', 'comments'] as const).map((metric) => {
    const top = busiest(series.days, metric);
    const total = plural(series.totals[metric], LABELS[metric].unit);
    return top ? `${total}, most on ${shortDay(top.day)} (${top[metric].toLocaleString('en-US')})` : `${total}`;
  });
  return `From ${shortDay(first.day)} to ${shortDay(last.day)} (UTC days): ${parts[0]}; ${parts[1]}.`;
}

function Panel({ days, metric, top, height }: { days: StatsDay[]; metric: Metric; top: number; height: number }) {
  const { top: max, ticks } = niceTicks(Math.max(0, ...days.map((d) => d[metric])), metric === 'views' ? 4 : 2);
  const slot = PLOT_W / Math.max(days.length, 1);
  const barW = Math.max(1, slot * 0.7);
  const y = (value: number) => top + height - (value / max) * height;
  const label = LABELS[metric];
  return (
    <g>
      <text x={LEFT} y={top - 12} fontSize={13} fontWeight={600} className="fill-neutral-900">
        {label.title}
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} strokeWidth={1} className={t === 0 ? 'stroke-neutral-500' : 'stroke-neutral-200'} />
          <text x={LEFT - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} className="fill-neutral-700">
            {t.toLocaleString('en-US')}
          </text>
        </g>
      ))}
      {days.map((d, i) =>
        d[metric] > 0 ? (
          <rect key={d.day} x={LEFT + i * slot + (slot - barW) / 2} y={y(d[metric])} width={barW} height={(d[metric] / max) * height} className={label.bar}>
            <title>{`${shortDay(d.day)}: ${plural(d[metric], label.unit)}`}</title>
          </rect>
        ) : null,
      )}
    </g>
  );
}

/** Days to label on the x axis: today, and every k-th day back from it (about 8 labels). */
function labelledDays(count: number): Set<number> {
  const every = Math.max(1, Math.ceil(count / 8));
  const out = new Set<number>();
  for (let i = count - 1; i >= 0; i -= every) out.add(i);
  return out;
}

export function StatsChart({ id, heading, series }: { id: string; heading: string; series: StatsSeries }) {
  const { days } = series;
  const slot = PLOT_W / Math.max(days.length, 1);
  const labelled = labelledDays(days.length);
  return (
    <figure className="rounded-md border border-neutral-200 bg-white p-4" data-testid="stats-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{`Views and comments per day: ${heading}`}</title>
        <desc id={`${id}-desc`}>{describe(series)}</desc>
        <Panel days={days} metric="views" {...VIEWS} />
        <Panel days={days} metric="comments" {...COMMENTS} />
        {days.map((d, i) =>
          labelled.has(i) ? (
            <text key={d.day} x={LEFT + i * slot + slot / 2} y={X_LABELS_Y} textAnchor="middle" fontSize={11} className="fill-neutral-700">
              {shortDay(d.day)}
            </text>
          ) : null,
        )}
        <text x={LEFT + PLOT_W / 2} y={HEIGHT - 4} textAnchor="middle" fontSize={11} className="fill-neutral-700">
          Day (UTC)
        </text>
      </svg>
      <figcaption className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-neutral-700">
        {(['views', 'comments'] as const).map((metric) => (
          <span key={metric} className="inline-flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${LABELS[metric].key}`} />
            {LABELS[metric].title}: {series.totals[metric].toLocaleString('en-US')} in {days.length} days
          </span>
        ))}
        {series.totals.held + series.totals.hidden > 0 ? (
          <span>
            Not counted: {series.totals.held.toLocaleString('en-US')} held, {series.totals.hidden.toLocaleString('en-US')} hidden
          </span>
        ) : null}
      </figcaption>
      <StatsTable heading={heading} series={series} />
    </figure>
  );
}

function StatsTable({ heading, series }: { heading: string; series: StatsSeries }) {
  const cell = 'px-3 py-1 text-right tabular-nums';
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-neutral-900">The numbers as a table</summary>
      <table className="mt-2 w-full text-sm" data-testid="stats-table">
        <caption className="mb-1 text-left text-neutral-700">Views and comments per day (UTC): {heading}</caption>
        <thead>
          <tr className="border-b border-neutral-300">
            <th scope="col" className="px-3 py-1 text-left">
              Day
            </th>
            <th scope="col" className={cell}>
              Views
            </th>
            <th scope="col" className={cell}>
              Comments
            </th>
            <th scope="col" className={cell}>
              Held
            </th>
            <th scope="col" className={cell}>
              Hidden
            </th>
          </tr>
        </thead>
        <tbody>
          {series.days.map((d) => (
            <tr key={d.day} className="border-b border-neutral-100" data-day={d.day}>
              <th scope="row" className="px-3 py-1 text-left font-normal">
                <time dateTime={d.day}>{d.day}</time>
              </th>
              <td className={cell}>{d.views}</td>
              <td className={cell}>{d.comments}</td>
              <td className={cell}>{d.held}</td>
              <td className={cell}>{d.hidden}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" className="px-3 py-1 text-left">
              Total
            </th>
            <td className={cell}>{series.totals.views}</td>
            <td className={cell}>{series.totals.comments}</td>
            <td className={cell}>{series.totals.held}</td>
            <td className={cell}>{series.totals.hidden}</td>
          </tr>
        </tfoot>
      </table>
    </details>
  );
}
