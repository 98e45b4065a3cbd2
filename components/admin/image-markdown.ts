import type { Edit } from './markdown-marks';

// Inline images in the body as pure text edits: a placeholder goes in at the cursor while
// the file uploads, and is then replaced by the image's markdown, or removed if the upload
// failed, wherever the author's typing has moved it meanwhile.

const ALT_MAX = 120;

/** Brackets and backslashes would end or break `![alt]`. */
function escapeAlt(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** The starting alt text: the file's name without its extension, separators as spaces (the author edits it in the markdown). */
export function altFromFileName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '').replace(/[-_]+/g, ' ').trim();
  return (base || 'image').slice(0, ALT_MAX);
}

export function imageMarkdown(alt: string, url: string): string {
  return `![${escapeAlt(alt)}](${url})`;
}

/** One placeholder per file, none already in the text (the same file twice gets a number). */
export function placeholdersFor(names: string[], text: string): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = `Uploading ${escapeAlt(name)}`;
    let placeholder = `![${base}…]()`;
    for (let n = 2; text.includes(placeholder) || taken.has(placeholder); n += 1) placeholder = `![${base} (${n})…]()`;
    taken.add(placeholder);
    return placeholder;
  });
}

/** Inserts at the cursor (after a selection, which stays); the cursor ends after the insertion. */
export function insertAtCursor({ text, end }: Edit, snippet: string): Edit {
  const at = end + snippet.length;
  return { text: `${text.slice(0, end)}${snippet}${text.slice(end)}`, start: at, end: at };
}

/** Replaces the placeholder, keeping the author's selection where it was in the text; null when it is gone. */
export function replacePlaceholder({ text, start, end }: Edit, placeholder: string, replacement: string): Edit | null {
  const at = text.indexOf(placeholder);
  if (at < 0) return null;
  const after = at + placeholder.length;
  const shift = (pos: number) => (pos <= at ? pos : pos >= after ? pos + replacement.length - placeholder.length : at + replacement.length);
  return { text: `${text.slice(0, at)}${replacement}${text.slice(after)}`, start: shift(start), end: shift(end) };
}
