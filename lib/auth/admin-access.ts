import { canManageTaxonomy, canModerateComments, canUseAdmin, isAdmin, type Actor } from './permissions';

// The admin area's sections and who may open each: the navigation shows the allowed ones,
// and proxy.ts answers 403 for the rest before any page renders. Pages and actions still
// check for themselves.

export type AdminSection = { href: string; label: string; allowed: (actor: Actor | null) => boolean };

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { href: '/admin/posts', label: 'Posts', allowed: canUseAdmin },
  { href: '/admin/comments', label: 'Comments', allowed: canModerateComments },
  { href: '/admin/taxonomy', label: 'Categories and tags', allowed: canManageTaxonomy },
  { href: '/admin/stats', label: 'Stats', allowed: canUseAdmin },
  { href: '/admin/users', label: 'Users', allowed: isAdmin },
  { href: '/admin/settings', label: 'Settings', allowed: isAdmin },
  { href: '/admin/import', label: 'Import', allowed: isAdmin },
];

/** Whether `actor` may open `pathname` (a path under /admin). Unknown sections need staff. */
export function mayOpenAdminPath(pathname: string, actor: Actor | null): boolean {
  const section = ADMIN_SECTIONS.find((s) => pathname === s.href || pathname.startsWith(`${s.href}/`));
  return section ? section.allowed(actor) : canUseAdmin(actor);
}

export function allowedSections(actor: Actor | null): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => s.allowed(actor));
}
