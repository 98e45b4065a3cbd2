import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { BanButton, ModerationButtons } from '@/components/admin/moderation-buttons';
import { signInPath } from '@/lib/auth/callback';
import { getModerationQueue, QUEUE_FILTERS, type ModerationAction, type QueueItem } from '@/lib/dal/moderation';
import { canModerate, getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Comments' };

const querySchema = z.object({
  filter: z.enum(QUEUE_FILTERS).catch('held'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const FILTER_LABELS = { held: 'Held', reported: 'Reported', all: 'All' } as const;

export default function ModerationPage({ searchParams }: PageProps<'/admin/comments'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Comments</h1>
      <Queue searchParams={searchParams} />
    </>
  );
}

function actionsFor(item: QueueItem): ModerationAction[] {
  if (item.status === 'HELD') return ['approve', 'hide', 'delete'];
  if (item.status === 'HIDDEN') return ['unhide', 'delete'];
  return ['hide', 'delete'];
}

async function Queue({ searchParams }: { searchParams: PageProps<'/admin/comments'>['searchParams'] }) {
  const { filter, page } = querySchema.parse(await searchParams);
  const viewer = await getViewer();
  const here = `/admin/comments?filter=${filter}${page > 1 ? `&page=${page}` : ''}`;
  if (!viewer) redirect(signInPath(here));
  if (!canModerate(viewer)) {
    return <p className="form-message">Only editors and admins can moderate comments. You are signed in as {viewer.name}.</p>;
  }
  const [{ items, hasMore }, flash] = await Promise.all([getModerationQueue(viewer, filter, page), formFlash('moderation')]);
  return (
    <>
      {flash?.message ? (
        <p role="alert" className="form-message mb-4">
          {flash.message}
        </p>
      ) : null}
      <nav aria-label="Filter comments" className="mb-6 flex gap-2">
        {QUEUE_FILTERS.map((f) => (
          <Link key={f} href={`/admin/comments?filter=${f}`} aria-current={f === filter ? 'page' : undefined} className="chip aria-[current=page]:bg-neutral-900 aria-[current=page]:text-white">
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <p className="text-neutral-700">Nothing to review here.</p>
      ) : (
        <ol className="space-y-4" data-testid="moderation-queue">
          {items.map((item) => (
            <li key={item.id} className="rounded-md border border-neutral-200 bg-white p-4" data-comment-id={item.id}>
              <p className="text-sm text-neutral-700">
                <strong className="text-neutral-900">{item.author.name}</strong> {item.author.email ? `(${item.author.email})` : null}
                {item.author.banned ? <span className="ml-1 rounded bg-red-100 px-1 text-red-900">banned</span> : null} on{' '}
                <Link href={`/post/${item.post.slug}#comment-${item.id}`} className="btn-link">
                  {item.post.title}
                </Link>{' '}
                · <time dateTime={item.createdAt}>{item.createdAt.slice(0, 16).replace('T', ' ')} UTC</time> ·{' '}
                <span className="font-medium">{item.status.toLowerCase()}</span>
                {item.reportCount > 0 ? <span className="ml-1 text-red-800">· {item.reportCount} report{item.reportCount === 1 ? '' : 's'}</span> : null}
              </p>
              <p className="mt-2 whitespace-pre-line break-words text-neutral-900">{item.body}</p>
              {item.reasons.length > 0 ? <p className="mt-1 text-sm text-neutral-700">Reasons: {item.reasons.join(' · ')}</p> : null}
              <div className="mt-3 flex flex-wrap items-center gap-4">
                <ModerationButtons commentId={item.id} actions={actionsFor(item)} returnTo={here} />
                {item.author.role === 'MEMBER' || item.author.role === 'CONTRIBUTOR' || item.author.role === 'AUTHOR' ? (
                  <BanButton userId={item.author.id} banned={item.author.banned} name={item.author.name} returnTo={here} />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-6 flex justify-between">
        {page > 1 ? <Link href={`/admin/comments?filter=${filter}&page=${page - 1}`}>Newer</Link> : <span />}
        {hasMore ? <Link href={`/admin/comments?filter=${filter}&page=${page + 1}`}>Older</Link> : <span />}
      </nav>
    </>
  );
}
