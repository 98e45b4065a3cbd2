// The editor's formatting marks: pure edits of (text, selection) → (text, selection),
// shared by the toolbar buttons and the keyboard shortcuts.

export type Edit = { text: string; start: number; end: number };
export type Mark = 'bold' | 'italic' | 'code' | 'link' | 'heading' | 'quote' | 'list';

function wrap({ text, start, end }: Edit, before: string, after: string, placeholder: string): Edit {
  const selected = text.slice(start, end) || placeholder;
  const next = `${text.slice(0, start)}${before}${selected}${after}${text.slice(end)}`;
  return { text: next, start: start + before.length, end: start + before.length + selected.length };
}

/** Prefixes every line the selection touches. */
function prefixLines({ text, start, end }: Edit, prefix: string): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const block = text.slice(lineStart, end);
  const prefixed = block
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
  return { text: `${text.slice(0, lineStart)}${prefixed}${text.slice(end)}`, start: lineStart, end: lineStart + prefixed.length };
}

export function applyMark(edit: Edit, mark: Mark): Edit {
  switch (mark) {
    case 'bold':
      return wrap(edit, '**', '**', 'bold text');
    case 'italic':
      return wrap(edit, '_', '_', 'italic text');
    case 'code':
      return wrap(edit, '`', '`', 'code');
    case 'link':
      return wrap(edit, '[', '](https://)', 'link text');
    case 'heading':
      return prefixLines(edit, '## ');
    case 'quote':
      return prefixLines(edit, '> ');
    case 'list':
      return prefixLines(edit, '- ');
  }
}

/** Ctrl/⌘ + B, I, K, E (code). */
export const SHORTCUTS: Record<string, Mark> = { b: 'bold', i: 'italic', k: 'link', e: 'code' };

export function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter(Boolean).length;
}
