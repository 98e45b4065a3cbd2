import 'server-only';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { ACCEPTED_NAMES, MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS, type ImageMimeType } from './limits';

// An uploaded file becomes a stored image here: its type is read from its bytes (never
// from its name or the declared MIME type), its size and decoded pixels are bounded, and
// it is re-encoded, which drops EXIF (GPS included), XMP, IPTC, ICC profiles and comments.
// EXIF orientation is applied to the pixels first, so photos stay upright without it.

export type PreparedImage = { data: Buffer; mimeType: ImageMimeType; ext: string; width: number; height: number };
export type ImageRefusal = { ok: false; status: 400 | 413; message: string };

type Output = { mimeType: ImageMimeType; ext: string; encode: (image: Sharp) => Sharp };

const OUTPUTS = {
  jpeg: { mimeType: 'image/jpeg', ext: 'jpg', encode: (i) => i.jpeg({ quality: 85 }) },
  png: { mimeType: 'image/png', ext: 'png', encode: (i) => i.png() },
  webp: { mimeType: 'image/webp', ext: 'webp', encode: (i) => i.webp({ quality: 85 }) },
  // effort 2: AVIF's default effort takes seconds per photo on a small server.
  avif: { mimeType: 'image/avif', ext: 'avif', encode: (i) => i.avif({ quality: 60, effort: 2 }) },
  gif: { mimeType: 'image/gif', ext: 'gif', encode: (i) => i.gif() },
} satisfies Record<string, Output>;

// Formats sharp recognises but Quire does not take, named in the refusal.
const OTHER_NAMES: Record<string, string> = {
  svg: 'SVG',
  heic: 'HEIC',
  tiff: 'TIFF',
  pdf: 'PDF',
  jp2k: 'JPEG 2000',
  jxl: 'JPEG XL',
  raw: 'raw pixel data',
  ppm: 'PPM',
  fits: 'FITS',
  exr: 'OpenEXR',
  vips: 'VIPS',
  magick: 'an ImageMagick format',
  openslide: 'a slide scanner format',
};

const refuse = (status: 400 | 413, message: string): ImageRefusal => ({ ok: false, status, message });

function outputFor(meta: Metadata): Output | string {
  // sharp reports AVIF and HEIC both as "heif"; the compression tells them apart.
  const format = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : meta.format;
  if (format in OUTPUTS) return OUTPUTS[format as keyof typeof OUTPUTS];
  return OTHER_NAMES[format] ?? String(format).toUpperCase();
}

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/** Checks and re-encodes an upload; a refusal says why in words for the uploader. */
export async function prepareImage(bytes: Uint8Array): Promise<({ ok: true } & PreparedImage) | ImageRefusal> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return refuse(413, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  if (bytes.byteLength === 0) return refuse(400, 'The file is empty.');
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // failOn 'warning' is sharp's default, stated because it matters: a laxer level lets a
  // truncated JPEG through as a grey-bottomed picture.
  const options = { animated: true, limitInputPixels: MAX_UPLOAD_PIXELS, failOn: 'warning' } as const;

  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (error) {
    if (isPixelLimit(error)) return tooManyPixels();
    return refuse(400, `This file is not an image Quire can read. Upload ${ACCEPTED_NAMES}.`);
  }
  const output = outputFor(meta);
  if (typeof output === 'string') return refuse(400, `This file is ${output} (detected from its content), which is not accepted. Upload ${ACCEPTED_NAMES}.`);
  // With `animated`, height is every frame stacked: this is the whole decoded size.
  if (meta.width * meta.height > MAX_UPLOAD_PIXELS) return tooManyPixels();

  try {
    const { data, info } = await output.encode(sharp(input, options).autoOrient()).toBuffer({ resolveWithObject: true });
    const height = info.pageHeight ?? info.height;
    return { ok: true, data, mimeType: output.mimeType, ext: output.ext, width: info.width, height };
  } catch (error) {
    if (isPixelLimit(error)) return tooManyPixels();
    return refuse(400, 'This image is damaged or incomplete and could not be read.');
  }
}

function tooManyPixels(): ImageRefusal {
  return refuse(413, `The image has too many pixels (at most ${MAX_UPLOAD_PIXELS / 1_000_000} megapixels, all frames counted).`);
}
