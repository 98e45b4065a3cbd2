// The locales the site speaks. Apart from index.ts so the formatters (and, through them, the
// dictionaries) can name a Locale without importing the dictionaries back: no circle.

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
