import type { Role } from '@/lib/auth/permissions';

// The roles' names as the admin pages show them. A module of its own, without zod: the users
// page's role form is a client component, and what it imports ships to browsers (zod once came
// along with it, into a chunk every public page loaded).
export const ROLE_LABELS: Record<Role, string> = { MEMBER: 'Member', CONTRIBUTOR: 'Contributor', AUTHOR: 'Author', EDITOR: 'Editor', ADMIN: 'Admin' };
