import slugify from '@sindresorhus/slugify';

// Post addresses from titles, shared by the posts DAL (lib/dal/post-addresses.ts) and the
// import parsers (lib/import), which run without a database.

/** A slug from a title: transliterated, lowercase, hyphens (`Añadir Ñandú` → `anadir-nandu`). */
export function slugFromTitle(title: string): string {
  return slugify(title).slice(0, 100).replace(/-+$/, '') || 'post';
}
