import { getMyAccount, myCommentLikes, myComments, myPostLikes, myReports } from '@/lib/dal/my-data';
import { getViewer } from '@/lib/dal/users';
import { jsonObjectStream } from '@/lib/json-stream';
import { consume } from '@/lib/rate-limit';
import { getSiteContext } from '@/lib/site';

// "Download my data" (/profile): the signed-in reader's account and everything they wrote
// or did, as one JSON file. GET only; the session is checked here, not only by the proxy.
// A banned reader may download too: the data is theirs (GDPR art. 15 and 20).

const NO_STORE = { 'Cache-Control': 'no-store' };

function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });
}

export async function GET(): Promise<Response> {
  const [viewer, { t, settings }] = await Promise.all([getViewer(), getSiteContext()]);
  const m = t.accountDeletionMessages;
  if (!viewer) return refusal(401, m.downloadSignIn);
  const limited = await consume(['myDataUser', viewer.id]);
  if (!limited.ok) return refusal(429, m.downloadTooMany(limited.retryAfterS), { 'Retry-After': String(limited.retryAfterS) });
  const account = await getMyAccount(viewer.id);
  if (!account) return refusal(401, m.downloadSignIn);
  const now = new Date();
  const body = jsonObjectStream(
    { format: 'quire-my-data', version: 1, site: settings.siteName, exportedAt: now.toISOString(), account },
    { comments: myComments(viewer.id), commentLikes: myCommentLikes(viewer.id), reports: myReports(viewer.id), postLikes: myPostLikes(viewer.id) },
  );
  return new Response(body, {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="quire-my-data-${now.toISOString().slice(0, 10)}.json"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
