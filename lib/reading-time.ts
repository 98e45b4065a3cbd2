// Shared by the DAL and the seed (which runs outside Next, so no 'server-only' here).
const WORDS_PER_MINUTE = 230;

/** Words of a markdown body, counted as reading time counts them (JSON-LD `wordCount`). */
export function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter(Boolean).length;
}

/** Whole minutes to read a markdown body, at least 1. */
export function readingMinutes(markdown: string): number {
  return Math.max(1, Math.round(wordCount(markdown) / WORDS_PER_MINUTE));
}
