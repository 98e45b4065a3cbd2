// What an image upload may be, shared by the upload handler and the upload component
// (plain constants: the client bundle imports this file).

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Decoded pixels, every frame of an animation counted: a small file can decode to gigabytes. */
export const MAX_UPLOAD_PIXELS = 50_000_000;
export const MAX_ALT_LENGTH = 300;

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;
export type ImageMimeType = (typeof ACCEPTED_TYPES)[number];
export const ACCEPTED_NAMES = 'JPEG, PNG, WebP, AVIF or GIF';
