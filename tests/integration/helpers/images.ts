import { crc32 } from 'node:zlib';
import sharp from 'sharp';

// Images made for the upload tests: solid colours and animations drawn by sharp, and a PNG
// whose header claims more pixels than it holds.

/** A sharp pipeline of one colour, to encode in any format. */
export const solid = (width: number, height: number, channels: 3 | 4 = 3) => sharp({ create: { width, height, channels, background: { r: 200, g: 40, b: 40, alpha: 1 } } });

/** Three frames (red, green, blue), 30×20, as an animated GIF or WebP. */
export async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frames = await Promise.all(['red', 'green', 'blue'].map((c) => sharp({ create: { width: 30, height: 20, channels: 4, background: c } }).png().toBuffer()));
  const joined = sharp(frames, { join: { animated: true } });
  return (format === 'gif' ? joined.gif({ delay: [100, 100, 100] }) : joined.webp({ delay: [100, 100, 100] })).toBuffer();
}

/** A PNG claiming width × height pixels with almost no data: a decompression bomb's shape. */
export function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type), data]);
  const chunk = Buffer.alloc(4 + typeAndData.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return chunk;
}
