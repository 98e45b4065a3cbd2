import { toHtml } from 'hast-util-to-html';

/** The reader's display name as HTML ("Signed in as <strong>…</strong>"), escaped by hast. */
export function readerNameHtml(name: string): string {
  return toHtml({ type: 'text', value: name });
}
