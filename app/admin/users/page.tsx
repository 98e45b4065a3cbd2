import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { UserRoleForm } from '@/components/admin/user-role-form';
import { signInPath } from '@/lib/auth/callback';
import { isAdmin } from '@/lib/auth/permissions';
import { listUsers, type AdminUserRow } from '@/lib/dal/users-admin';
import { getViewer } from '@/lib/dal/users';
import { pageFlash } from '@/lib/form-flash';
import { ROLES } from '@/lib/auth/permissions';
import { ROLE_LABELS } from '@/lib/auth/role-labels';
import { USER_SEARCH_MAX_LENGTH, userListHref, userListQuerySchema, type UserListQuery } from '@/lib/validations/users';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage({ searchParams }: PageProps<'/admin/users'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Users</h1>
      <Users searchParams={searchParams} />
    </>
  );
}

async function Users({ searchParams }: { searchParams: PageProps<'/admin/users'>['searchParams'] }) {
  const query = userListQuerySchema.parse(await searchParams);
  const here = userListHref(query);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(here));
  if (!isAdmin(viewer)) return <p className="form-message">Only admins manage users and roles. You are signed in as {viewer.name}.</p>;
  const [list, flash] = await Promise.all([listUsers(viewer, query), pageFlash()]);
  const back = here.split('?')[1] ?? '';
  return (
    <>
      <Filters query={query} />
      <p className="mb-3 text-sm text-neutral-700">
        {list.total === 1 ? '1 user' : `${list.total} users`}
        {list.pageCount > 1 ? `, page ${list.page} of ${list.pageCount}` : ''}
      </p>
      {list.rows.length === 0 ? (
        <p className="text-neutral-700">No users match.</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="user-table">
          <thead>
            <tr className="border-b border-neutral-300">
              <th className="py-2">Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Joined</th>
              <th className="text-right">Posts</th>
              <th className="text-right">Comments</th>
              <th className="pl-4">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <UserRow key={row.id} row={row} back={back} initialState={flash?.key === `role:${row.id}` ? flash.state : null} />
            ))}
          </tbody>
        </table>
      )}
      <Pages query={query} pageCount={list.pageCount} />
    </>
  );
}

function UserRow({ row, back, initialState }: { row: AdminUserRow; back: string; initialState: Parameters<typeof UserRoleForm>[0]['initialState'] }) {
  return (
    <tr className="border-b border-neutral-200 align-top" data-user-id={row.id}>
      <td className="py-2 pr-3 font-medium">{row.name}</td>
      <td className="py-2 pr-3 break-all">{row.email ?? '—'}</td>
      <td className="py-2 pr-3">
        <UserRoleForm userId={row.id} name={row.name} role={row.role} back={back} initialState={initialState} />
      </td>
      <td className="py-2 pr-3">
        <time dateTime={row.joinedAt}>{row.joinedAt.slice(0, 10)}</time>
      </td>
      <td className="py-2 text-right">{row.posts}</td>
      <td className="py-2 text-right">{row.comments}</td>
      <td className="py-2 pl-4">{row.banned ? <strong className="text-red-800">Banned</strong> : 'Active'}</td>
    </tr>
  );
}

/** A GET form: the filters are the address, so they work without JavaScript and can be bookmarked. */
function Filters({ query }: { query: UserListQuery }) {
  return (
    <form method="get" action="/admin/users" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-sm font-medium">
        Name or email
        <input type="search" name="q" defaultValue={query.q} maxLength={USER_SEARCH_MAX_LENGTH} className="field-input" />
      </label>
      <label className="text-sm font-medium">
        Role
        <select name="role" defaultValue={query.role ?? ''} className="field-input">
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-primary">
        Filter
      </button>
      {query.q || query.role ? (
        <Link href="/admin/users" className="btn-link">
          Clear
        </Link>
      ) : null}
    </form>
  );
}

function Pages({ query, pageCount }: { query: UserListQuery; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-4">
      {query.page > 1 ? (
        <Link href={userListHref({ ...query, page: query.page - 1 })} className="btn-link">
          Previous page
        </Link>
      ) : null}
      {query.page < pageCount ? (
        <Link href={userListHref({ ...query, page: query.page + 1 })} className="btn-link">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
