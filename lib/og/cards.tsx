import type { ReactElement } from 'react';
import { COVER_BOX, SHARE_IMAGE } from './size';

// The share images as JSX for next/og (satori): a subset of CSS, every element with more
// than one child a flex box. Plain data in, no I/O, so tests can draw them directly.

export type PostCardInput = { siteName: string; title: string; byline: string; cover: string | null };
export type SiteCardInput = { siteName: string; description: string };

const INK = '#171717';
const MUTED = '#525252';
const ACCENT = '#2563eb';
/** The accent bar on the left. */
const BAR = 16;

/** Long titles get a smaller size, and past ~150 characters an ellipsis: the card has room for four lines. */
function titleFit(title: string, width: number): { text: string; size: number } {
  const text = title.length > 150 ? `${title.slice(0, 147).trimEnd()}…` : title;
  const perLine = (size: number) => Math.floor(width / (size * 0.58));
  for (const size of [72, 60, 52, 44]) if (text.length <= perLine(size) * 3) return { text, size };
  return { text, size: 40 };
}

export function PostCard({ siteName, title, byline, cover }: PostCardInput): ReactElement {
  // The text column's width is fixed: a flex item sized by its text would squeeze the cover out.
  const column = (cover ? SHARE_IMAGE.width - COVER_BOX.width : SHARE_IMAGE.width) - BAR;
  const fit = titleFit(title, column - 2 * 48);
  return (
    <div style={{ display: 'flex', width: '100%', height: '100%', background: '#ffffff', fontFamily: 'DejaVu Sans' }}>
      <div style={{ display: 'flex', width: BAR, height: '100%', background: ACCENT }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', width: column, padding: '56px 48px' }}>
        <div style={{ display: 'flex', fontSize: 30, color: MUTED }}>{siteName}</div>
        <div style={{ display: 'flex', fontSize: fit.size, fontWeight: 700, color: INK, lineHeight: 1.15 }}>{fit.text}</div>
        <div style={{ display: 'flex', fontSize: 28, color: MUTED }}>{byline}</div>
      </div>
      {cover ? (
        // eslint-disable-next-line @next/next/no-img-element -- satori draws <img>; next/image does not exist here
        <img src={cover} width={COVER_BOX.width} height={COVER_BOX.height} alt="" style={{ flexShrink: 0 }} />
      ) : null}
    </div>
  );
}

export function SiteCard({ siteName, description }: SiteCardInput): ReactElement {
  const fit = titleFit(siteName, SHARE_IMAGE.width - BAR - 2 * 64);
  return (
    <div style={{ display: 'flex', width: '100%', height: '100%', background: '#ffffff', fontFamily: 'DejaVu Sans' }}>
      <div style={{ display: 'flex', width: BAR, height: '100%', background: ACCENT }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', width: SHARE_IMAGE.width - BAR, padding: '64px' }}>
        <div style={{ display: 'flex', fontSize: fit.size + 8, fontWeight: 700, color: INK }}>{fit.text}</div>
        {description ? <div style={{ display: 'flex', marginTop: 28, fontSize: 34, color: MUTED, lineHeight: 1.3 }}>{description.slice(0, 200)}</div> : null}
      </div>
    </div>
  );
}
