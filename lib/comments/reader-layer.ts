import 'server-only';
import { cookies } from 'next/headers';
import { actionsHtml, type ReaderLayer } from '@/lib/comments/thread-html';
import { readerNameHtml } from '@/lib/comments/reader-name';
import { FLASH_COOKIE } from '@/lib/cookie-names.mjs';
import { getReaderComments } from '@/lib/dal/reader-comments';
import { getPublishedPost } from '@/lib/dal/posts';
import { commentEditWindowMs } from '@/lib/dal/settings';
import { getViewer } from '@/lib/dal/users';
import { getSiteContext } from '@/lib/site';

// What one signed-in reader's /post/<slug> has that the shared shell does not
// (app/(site)/post/[slug]/comments with the shell cookie): their name, and the controls rows of the comments
// they wrote, liked or reported. The production server puts these into
// the shell's bytes (server/reader-pages.mjs, lib/comments/reader-splice.mjs). Readers the
// shell cannot serve — banned, with held comments of their own (which only they see), or
// with a form answer waiting (a flash) — are answered `splice: false`, and the server lets
// Next render their page as before.

export type ReaderLayerAnswer = { splice: false } | { splice: true; nameHtml: string; rows: Record<string, string> };

export async function getReaderLayer(slug: string): Promise<ReaderLayerAnswer> {
  const [viewer, post, site, jar] = await Promise.all([getViewer(), getPublishedPost(slug), getSiteContext(), cookies()]);
  if (!viewer || viewer.banned || !post || jar.has(FLASH_COOKIE)) return { splice: false };
  const { settings, t } = site;
  const { comments, held } = await getReaderComments(post.id, viewer.id, commentEditWindowMs(settings));
  if (held) return { splice: false };
  const layer: ReaderLayer = {
    viewerId: viewer.id,
    canWrite: true,
    open: settings.commentsEnabled,
    liked: new Set(comments.filter((c) => c.liked).map((c) => c.id)),
    reported: new Set(comments.filter((c) => c.reported).map((c) => c.id)),
    editable: new Set(comments.filter((c) => c.editable).map((c) => c.id)),
    returnTo: `/post/${post.slug}`,
    replyTo: null,
    reportOn: null,
    editOn: null,
    flash: null,
    strings: t.commentUi,
  };
  // Rows of comments not on the shell's page are not in it, and are dropped there.
  const rows = Object.fromEntries(comments.map((c) => [c.id, actionsHtml(c.id, c, layer)]));
  return { splice: true, nameHtml: readerNameHtml(viewer.name), rows };
}
