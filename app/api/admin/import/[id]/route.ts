import { isAdmin } from '@/lib/auth/permissions';
import { getImportRunProgress } from '@/lib/dal/import-runs';
import { getViewer } from '@/lib/dal/users';
import { idSchema } from '@/lib/validations/ids.mjs';

// The progress of an import run, polled by its page (components/admin/import-progress.tsx):
// {status, done, total, error}. Admins only, checked here and in the DAL.

const NO_STORE = { 'Cache-Control': 'no-store' };
const runId = idSchema();

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Sign in to see imports.' }, { status: 401, headers: NO_STORE });
  if (!isAdmin(viewer)) return Response.json({ error: 'Only admins import.' }, { status: 403, headers: NO_STORE });
  const id = runId.safeParse((await params).id);
  const run = id.success ? await getImportRunProgress(viewer, id.data) : null;
  if (!run) return Response.json({ error: 'No such import.' }, { status: 404, headers: NO_STORE });
  return Response.json(run, { headers: NO_STORE });
}
