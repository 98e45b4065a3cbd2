import { errorPage as en, type ErrorPageStrings } from './en/error-page';
import { errorPage as es } from './es/error-page';
import { isLocale } from './locales';

// What app/(site)/error.tsx (a client component) shows, in the page's language: only these
// strings reach the browser (the dictionaries in ./index.ts hold them too, spread from the same files).
const STRINGS = { en, es };

export function errorPageStrings(lang: string): ErrorPageStrings {
  return STRINGS[isLocale(lang) ? lang : 'en'];
}
