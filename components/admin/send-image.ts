import { MAX_UPLOAD_BYTES } from '@/lib/media/limits';

// One image to POST /api/admin/media, for the cover upload and the body's inline images.
// XMLHttpRequest rather than fetch because only it reports upload progress. The server
// decides what is an image (by content); the size check here only spares a doomed upload.

export type UploadedImage = { url: string; width: number; height: number; alt: string };
export type UploadResult = { ok: true; image: UploadedImage } | { ok: false; message: string };

type Options = { onProgress?: (fraction: number | null) => void; signal?: AbortSignal };

export function sendImage(file: File, alt: string, { onProgress, signal }: Options = {}): Promise<UploadResult> {
  if (file.size > MAX_UPLOAD_BYTES) return Promise.resolve({ ok: false, message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` });
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('file', file);
    form.append('alt', alt);
    const xhr = new XMLHttpRequest();
    xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : null);
    xhr.onload = () => {
      let body: { error?: string; url?: string; width?: number; height?: number; alt?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201 && body.url && body.width && body.height) {
        resolve({ ok: true, image: { url: body.url, width: body.width, height: body.height, alt: body.alt ?? alt } });
      } else {
        resolve({ ok: false, message: body.error ?? `The upload failed (HTTP ${xhr.status}).` });
      }
    };
    xhr.onerror = () => resolve({ ok: false, message: 'The upload failed: check your connection and try again.' });
    xhr.onabort = () => resolve({ ok: false, message: 'The upload was cancelled.' });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.open('POST', '/api/admin/media');
    xhr.send(form);
  });
}
