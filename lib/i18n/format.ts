import type { Locale } from './locales';

// Locale-aware formatting, shared by every page and by the dictionaries' own messages
// (dates are stored in UTC).
//
// Formatters are made once per locale: building an Intl formatter costs far more than
// using one (about 1 ms against a few µs here), and a page of comments formats 200 dates
// (bench/README.md, "The 20,000-comment post").

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function once<T>(cache: Map<Locale, T>, locale: Locale, make: () => T): T {
  let made = cache.get(locale);
  if (!made) {
    made = make();
    cache.set(locale, made);
  }
  return made;
}

export function formatDate(iso: string, locale: Locale): string {
  const format = once(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }));
  return format.format(new Date(iso));
}

export function formatNumber(n: number, locale: Locale): string {
  return once(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(n);
}

/** How long until a limit lifts, for "Try again in …": "8 seconds", "2 minutos". */
export function formatWait(seconds: number, locale: Locale): string {
  const [value, unit] = seconds >= 90 ? [Math.ceil(seconds / 60), 'minute'] : [seconds, 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
