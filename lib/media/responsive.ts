import widths from './image-widths.json';

// Resized copies of uploads for markup Quire writes itself (the rendered post body), as
// next/image would write them: /_next/image URLs with the widths and quality the
// optimizer accepts (image-widths.json, which next.config.js reads too), never wider than
// the original, since the optimizer does not enlarge.

export type ImageSize = { width: number; height: number };

/** The post column's widest (max-w-3xl less its padding): no image in a post shows wider. */
export const POST_COLUMN_PX = 672;

/** Upload addresses: only names lib/media/upload.ts makes. */
const UPLOAD_PATH = String.raw`/uploads/[0-9a-f]{32}\.(?:jpg|png|webp|avif|gif)`;
const ONE_UPLOAD = new RegExp(`^${UPLOAD_PATH}$`);
const UPLOADS_IN_TEXT = new RegExp(`${UPLOAD_PATH}(?!\\w)`, 'g');

const ALL_WIDTHS = [...new Set([...widths.imageSizes, ...widths.deviceSizes])].sort((a, b) => a - b);

export function isUploadUrl(src: string): boolean {
  return ONE_UPLOAD.test(src);
}

/** Every upload address in a text (a post's markdown): a superset of its images, for one lookup. */
export function uploadUrlsIn(text: string): string[] {
  return [...new Set(text.match(UPLOADS_IN_TEXT) ?? [])];
}

export function optimizedUrl(src: string, width: number): string {
  return `/_next/image?url=${encodeURIComponent(src)}&w=${width}&q=${widths.quality}`;
}

/** The optimizer's widths up to the original's; the smallest one for an image narrower than all. */
export function srcSetWidths(originalWidth: number): number[] {
  const fitting = ALL_WIDTHS.filter((w) => w <= originalWidth);
  return fitting.length > 0 ? fitting : ALL_WIDTHS.slice(0, 1);
}

/**
 * A cover's widths, for a srcset the browser chooses from by its `sizes`: the screen widths
 * (deviceSizes) up to the original's, or the smallest fitting width for a narrower image.
 */
export function coverWidths(originalWidth: number): number[] {
  const fitting = widths.deviceSizes.filter((w) => w <= originalWidth);
  return fitting.length > 0 ? fitting : srcSetWidths(originalWidth).slice(-1);
}

/** A card's widths when the original's is unknown: from a desktop card (320 px wide) to a half-width card on a tablet at 2×. */
export const CARD_WIDTHS = [384, 640, 828, 1080];

/** The srcset of an upload at `list` widths. */
export function srcSet(src: string, list: number[]): string {
  return list.map((w) => `${optimizedUrl(src, w)} ${w}w`).join(', ');
}
