import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fontkit from 'fontkit';

// The share images' typeface, shipped in the repository (assets/fonts, DejaVu Sans with its
// licence) so a render never reaches the network. Read once per process: satori parses the
// same buffers on every render, and the files are 1.4 MB together.
//
// next/og fetches a Google font (or a Twemoji SVG) for any character the given fonts lack,
// with no option to turn that off; `drawable` removes such characters first, so a title in
// a script DejaVu does not cover (CJK) or with an emoji never makes the server go online.

export type OgFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };
export type OgFonts = { fonts: OgFont[]; drawable: (text: string) => string };

const FILES = [
  { file: 'DejaVuSans.ttf', weight: 400 },
  { file: 'DejaVuSans-Bold.ttf', weight: 700 },
] as const;

let loading: Promise<OgFonts> | undefined;

async function load(): Promise<OgFonts> {
  const files = await Promise.all(FILES.map(async ({ file, weight }) => ({ weight, bytes: await readFile(path.join(process.cwd(), 'assets', 'fonts', file)) })));
  const fonts = files.map(({ weight, bytes }) => ({
    name: 'DejaVu Sans',
    data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    weight,
    style: 'normal' as const,
  }));
  const faces = files.map(({ bytes }) => fontkit.create(bytes)).filter((f): f is fontkit.Font => 'hasGlyphForCodePoint' in f);
  const covered = (ch: string) => /\s/.test(ch) || faces.every((face) => face.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
  const drawable = (text: string) =>
    Array.from(text)
      .filter(covered)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  return { fonts, drawable };
}

export function ogFonts(): Promise<OgFonts> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a later render may find the files (a deploy still copying them)
    throw error;
  });
  return loading;
}
