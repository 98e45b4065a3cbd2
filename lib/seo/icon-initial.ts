/**
 * The letter drawn on the generated site icon: the site name's first letter or digit,
 * accents dropped ("Érase" → "E"), upper case; '' when the name has none. Kept to ASCII
 * because next/og fetches a font from Google for any glyph its bundled font lacks, and
 * the server has no network to do that with.
 */
export function iconInitial(siteName: string): string {
  const plain = siteName.normalize('NFD').replace(/\p{M}/gu, '');
  return /[A-Za-z0-9]/.exec(plain)?.[0]?.toUpperCase() ?? '';
}
