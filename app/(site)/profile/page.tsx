import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { MyDataSection } from '@/components/auth/my-data-section';
import { ProfileForm } from '@/components/auth/profile-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { SignOutEverywhereForm } from '@/components/auth/sign-out-everywhere-form';
import { Avatar } from '@/components/ui/avatar';
import { RichText } from '@/components/ui/rich-text';
import { signInPath } from '@/lib/auth/callback';
import { canUseAdmin } from '@/lib/auth/permissions';
import { getDeletionConfirm } from '@/lib/dal/account-deletion';
import { getCommentsByAuthor } from '@/lib/dal/comments';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { formatDate } from '@/lib/i18n';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.profileUi.title, robots: { index: false, follow: false } };
}

export default async function ProfilePage() {
  const { t } = await getSiteContext();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-3xl font-semibold">{t.profileUi.title}</h1>
      <Profile />
    </div>
  );
}

async function Profile() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath('/profile'));
  const [comments, { locale, t, settings }, flash, deleteFlash, confirm] = await Promise.all([
    getCommentsByAuthor(viewer.id),
    getSiteContext(),
    formFlash('profile'),
    formFlash('delete-account'),
    getDeletionConfirm(viewer.id),
  ]);
  const ui = t.profileUi;
  const statusNote = (status: string) => (status === 'HELD' || status === 'HIDDEN' ? ui.statusNote[status] : null);
  return (
    <div className="space-y-10">
      <section aria-labelledby="account-heading" className="flex items-center gap-4">
        <Avatar name={viewer.name} image={viewer.image} size={64} />
        <div>
          <h2 id="account-heading" className="text-xl font-semibold">
            {viewer.name}
          </h2>
          {viewer.email ? <p className="text-neutral-700">{viewer.email}</p> : null}
          {viewer.banned ? <p className="text-red-800">{t.commentUi.banned}</p> : null}
          <SignOutButton label={t.accountUi.signOut} callbackUrl="/" />
          {canUseAdmin(viewer) ? (
            <Link href="/admin" prefetch={false} className="btn-link mt-2 inline-block">
              {ui.adminLink}
            </Link>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading" className="mb-3 text-lg font-semibold">
          {ui.nameHeading}
        </h2>
        <ProfileForm name={viewer.name} strings={ui.form} initialState={flash} />
      </section>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading" className="mb-3 text-lg font-semibold">
          {ui.commentsHeading}
        </h2>
        {comments.length === 0 ? (
          <p className="text-neutral-700">{ui.noComments}</p>
        ) : (
          <ol className="space-y-4">
            {comments.map((c) => (
              <li key={c.id} className="rounded-md border border-neutral-200 p-3">
                <p className="text-sm text-neutral-700">
                  <RichText
                    text={ui.commentOn}
                    values={{
                      post: (
                        <Link href={`/post/${c.postSlug}#comment-${c.id}`} className="btn-link">
                          {c.postTitle}
                        </Link>
                      ),
                    }}
                  />{' '}
                  · <time dateTime={c.createdAt}>{formatDate(c.createdAt, locale)}</time>
                  {statusNote(c.status) ? <span> · {statusNote(c.status)}</span> : null}
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-neutral-900">{c.excerpt}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <SignOutEverywhereForm strings={ui} />
      <MyDataSection
        strings={t.myDataUi}
        mode={settings.deletedAccountComments}
        confirmWith={confirm?.hasPassword ? 'password' : confirm?.email ? 'email' : 'none'}
        flash={deleteFlash}
      />
    </div>
  );
}
