import { getViewer } from '@/lib/dal/users';
import { handleImportUpload } from '@/lib/import/upload-request';

// Uploads of /admin/import (the form posts here): see lib/import/upload-request.ts.
export async function POST(request: Request): Promise<Response> {
  return handleImportUpload(request, getViewer);
}
