import { getViewer } from '@/lib/dal/users';
import { handleMediaUpload } from '@/lib/media/upload-request';

// Image uploads for the post editor (components/admin/image-upload.tsx): see
// lib/media/upload-request.ts for what is accepted and answered.
export async function POST(request: Request): Promise<Response> {
  return handleMediaUpload(request, getViewer);
}
