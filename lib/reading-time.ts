// Shared by the DAL and the seed (which runs outside Next, so no 'server-only' here).
const WORDS_PER_MINUTE = 230;

/** Whole minutes to read a markdown body, at least 1. */
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
