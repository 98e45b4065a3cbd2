import { en, type Dictionary } from './en';
import { es } from './es';
import type { Locale } from './locales';

export { LOCALES, isLocale, type Locale } from './locales';
export type { Dictionary };

const dictionaries: Record<Locale, Dictionary> = { en, es };

export function getDictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}

export { formatDate, formatNumber, formatWait } from './format';
