import 'server-only';
import { canLikePosts } from '@/lib/auth/permissions';
import { setPostLike } from '@/lib/dal/post-likes';
import type { Viewer } from '@/lib/dal/users';
import type { Dictionary } from '@/lib/i18n';
import { consume } from '@/lib/rate-limit';
import { postLikeSchema } from '@/lib/validations/post-likes';

// Liking a post: who may, the input, the rate limit, then the data layer. The server action
// (lib/actions/post-likes.ts) is this plus the cache and the answer to the browser, so the
// rules are tested here against PostgreSQL (tests/integration/post-likes.test.ts).

export type PostLikeAnswer =
  | { ok: true; liked: boolean; likeCount: number; postId: string; postSlug: string }
  | { ok: false; status: 400 | 401 | 403 | 404 | 429; message: string };

/** Sets the viewer's like of a post to what the form asks (`postId`, `like`: "1" or "0"). */
export async function likePost(viewer: Viewer | null, input: Record<string, unknown>, t: Dictionary): Promise<PostLikeAnswer> {
  const m = t.messages.postLikes;
  if (!viewer) return { ok: false, status: 401, message: m.signIn };
  if (!canLikePosts(viewer)) return { ok: false, status: 403, message: m.banned };
  const parsed = postLikeSchema(t.validation).safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, message: m.checkForm };
  const limited = await consume(['likeUser', viewer.id]);
  if (!limited.ok) return { ok: false, status: 429, message: m.tooManyLikes(limited.retryAfterS) };
  const result = await setPostLike(parsed.data.postId, viewer.id, parsed.data.like);
  return result.ok ? result : { ok: false, status: 404, message: m.gone };
}
