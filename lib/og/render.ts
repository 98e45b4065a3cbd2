import 'server-only';
import { ImageResponse } from 'next/og';
import type { ReactElement } from 'react';
import { ogFonts } from './fonts';
import { SHARE_IMAGE } from './size';

/**
 * Draws a card to PNG bytes with the shipped fonts (next/og: satori, then resvg). `card`
 * gets `drawable`, which every text it shows must pass through (see ./fonts.ts).
 */
export async function renderPng(card: (drawable: (text: string) => string) => ReactElement): Promise<Uint8Array> {
  const { fonts, drawable } = await ogFonts();
  const response = new ImageResponse(card(drawable), { width: SHARE_IMAGE.width, height: SHARE_IMAGE.height, fonts });
  return new Uint8Array(await response.arrayBuffer());
}
