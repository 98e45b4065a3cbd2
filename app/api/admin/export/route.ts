import { isAdmin } from '@/lib/auth/permissions';
import { exportSiteStream } from '@/lib/dal/export';
import { getViewer } from '@/lib/dal/users';
import { consume } from '@/lib/rate-limit';
import { getSiteContext } from '@/lib/site';

// "Download the site" on /admin: the Quire archive of `npm run export` (without password
// hashes), streamed as it is read. Admins only, checked here and in the DAL, not only by
// the proxy; rate-limited, as each export reads every table.

const NO_STORE = { 'Cache-Control': 'no-store' };

function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });
}

export async function GET(): Promise<Response> {
  const [viewer, { t }] = await Promise.all([getViewer(), getSiteContext()]);
  const m = t.siteExportUi;
  if (!viewer) return refusal(401, m.signIn);
  if (!isAdmin(viewer)) return refusal(403, m.adminsOnly);
  const limited = await consume(['siteExportUser', viewer.id]);
  if (!limited.ok) return refusal(429, m.tooMany(limited.retryAfterS), { 'Retry-After': String(limited.retryAfterS) });
  const body = exportSiteStream(viewer);
  if (!body) return refusal(403, m.adminsOnly);
  return new Response(body, {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="quire-export-${new Date().toISOString().slice(0, 10)}.json"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
