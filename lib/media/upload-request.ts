import 'server-only';
import { NextResponse } from 'next/server';
import type { Actor } from '@/lib/auth/permissions';
import { formatWait } from '@/lib/i18n';
import { consume } from '@/lib/rate-limit';
import { fieldErrors } from '@/lib/validations/form-state';
import { mediaUploadSchema } from '@/lib/validations/media';
import { MAX_UPLOAD_BYTES } from './limits';
import { uploadImage, uploadRefusal } from './upload';
import { siteOrigin } from '@/lib/site-url';

// POST /api/admin/media as a function of the request and the viewer, so tests can call
// it without a Next request scope: multipart/form-data with `file` and optional `alt` →
// 201 {id, url, width, height, mimeType, alt} | 400 | 401 | 403 | 413 | 415 | 429, JSON {error}.

// The multipart envelope around a 10 MB file: boundaries, part headers, the alt text.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;
const NO_STORE = { 'Cache-Control': 'no-store' };

function refuse(status: number, error: string, extra: { fieldErrors?: Record<string, string>; headers?: Record<string, string> } = {}): Response {
  return NextResponse.json({ error, fieldErrors: extra.fieldErrors }, { status, headers: { ...NO_STORE, ...extra.headers } });
}

const tooLarge = () => refuse(413, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);

/** The body, or null as soon as it passes `max` bytes (a missing or false Content-Length cannot make us buffer more). */
export async function readBody(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

export async function handleMediaUpload(request: Request, getActor: () => Promise<Actor | null>): Promise<Response> {
  // Browsers send Origin on cross-site POSTs; the session cookie is SameSite=Lax anyway.
  const origin = request.headers.get('origin');
  if (origin && origin !== siteOrigin()) return refuse(403, 'Cross-site requests are not accepted.');

  const actor = await getActor();
  const refused = uploadRefusal(actor);
  if (refused || !actor) return refuse(refused?.status ?? 401, refused?.message ?? 'Sign in to upload images.');

  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return refuse(415, 'Send the image as multipart/form-data with the field "file".');
  if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) return tooLarge();

  const limited = await consume(['mediaUploadUser', actor.id]);
  if (!limited.ok) {
    // The admin area is English (lib/i18n covers the reader's side).
    return refuse(429, `You are uploading too fast. Try again in ${formatWait(limited.retryAfterS, 'en')}.`, { headers: { 'Retry-After': String(limited.retryAfterS) } });
  }

  const body = await readBody(request, MAX_BODY_BYTES).catch(() => undefined);
  if (body === null) return tooLarge();
  if (body === undefined) return refuse(400, 'The upload was interrupted.');
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return refuse(400, 'The form data could not be read.');
  }
  const parsed = mediaUploadSchema.safeParse({ file: form.get('file'), alt: form.get('alt') });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return refuse(400, errors.file ?? errors.alt ?? 'Check the upload.', { fieldErrors: errors });
  }
  if (parsed.data.file.size > MAX_UPLOAD_BYTES) return tooLarge();

  const bytes = new Uint8Array(await parsed.data.file.arrayBuffer());
  const result = await uploadImage(actor, { bytes, alt: parsed.data.alt });
  if (!result.ok) return refuse(result.status, result.message);
  const { id, url, width, height, mimeType, alt } = result;
  return NextResponse.json({ id, url, width, height, mimeType, alt }, { status: 201, headers: NO_STORE });
}
