import type { Locale } from './index';

// Locale-aware formatting, shared by every page and by the dictionaries' own messages
// (dates are stored in UTC).

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** How long until a limit lifts, for "Try again in …": "8 seconds", "2 minutos". */
export function formatWait(seconds: number, locale: Locale): string {
  const [value, unit] = seconds >= 90 ? [Math.ceil(seconds / 60), 'minute'] : [seconds, 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
