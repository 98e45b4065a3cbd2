import 'server-only';
import type { Locale } from '@/lib/i18n';

// The HTML part of every email. Values are escaped before they go into a dictionary
// sentence; the sentences themselves are ours (lib/i18n) and hold no markup.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A minimal HTML email of `paragraphs` (already HTML). */
export function htmlPage(locale: Locale, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#171717">
${paragraphs.join('\n')}
</body></html>`;
}

export const SMALL_PRINT = 'font-size:12px;color:#737373';
