// Pure helpers for the stats page: UTC day arithmetic and a "nice" axis for the chart.
// No database, no React: the DAL and the chart both use them, and tests call them directly.

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as YYYY-MM-DD (the view pipeline's day). */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS));
}

/** The first day of a window of `days` days ending today (UTC), today included. */
export function windowStart(days: number, now: Date): string {
  return addDays(utcDay(now), -(days - 1));
}

/**
 * Axis ticks from 0 to at least `max`, 1-2-5 steps, about `target` intervals.
 * Whole numbers only (views and comments are counts); an empty series still gets 0 and 1.
 */
export function niceTicks(max: number, target = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}

/** "Nov 3" for a YYYY-MM-DD day (UTC, English: the admin area is English). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
