'use client';

import Image from 'next/image';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_NAMES, ACCEPTED_TYPES, MAX_ALT_LENGTH, MAX_UPLOAD_BYTES } from '@/lib/media/limits';

// Uploads one image (a cover or an inline image) to POST /api/admin/media: dropped on the
// zone or chosen with the file input. XMLHttpRequest rather than fetch because only it
// reports upload progress. The server decides what is an image (by content); the checks
// here only spare a doomed 10 MB+ upload.

export type UploadedImage = { url: string; width: number; height: number; alt: string };

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; progress: number | null }
  | { kind: 'error'; message: string }
  | { kind: 'done'; image: UploadedImage };

export function ImageUpload({ onUploaded, label = 'Image' }: { onUploaded: (image: UploadedImage) => void; label?: string }) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [alt, setAlt] = useState('');
  const [dragging, setDragging] = useState(false);
  const request = useRef<XMLHttpRequest | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  function upload(file: File) {
    if (state.kind === 'uploading') return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setState({ kind: 'error', message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` });
      return;
    }
    const form = new FormData();
    form.append('file', file);
    form.append('alt', alt);
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    setState({ kind: 'uploading', name: file.name, progress: 0 });
    xhr.upload.onprogress = (e) => setState({ kind: 'uploading', name: file.name, progress: e.lengthComputable ? e.loaded / e.total : null });
    xhr.onload = () => {
      request.current = null;
      let body: { error?: string; url?: string; width?: number; height?: number; alt?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201 && body.url && body.width && body.height) {
        const image = { url: body.url, width: body.width, height: body.height, alt: body.alt ?? alt };
        setState({ kind: 'done', image });
        onUploaded(image);
      } else {
        setState({ kind: 'error', message: body.error ?? `The upload failed (HTTP ${xhr.status}).` });
      }
    };
    xhr.onerror = () => {
      request.current = null;
      setState({ kind: 'error', message: 'The upload failed: check your connection and try again.' });
    };
    xhr.open('POST', '/api/admin/media');
    xhr.send(form);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) upload(file);
  }

  const busy = state.kind === 'uploading';
  return (
    <div className="space-y-3" data-testid="image-upload">
      <div>
        <label htmlFor={`${id}-alt`} className="block text-sm font-medium text-neutral-900">
          Alt text <span className="font-normal text-neutral-600">(what the image shows, for screen readers)</span>
        </label>
        <input id={`${id}-alt`} className="field-input" value={alt} maxLength={MAX_ALT_LENGTH} onChange={(e) => setAlt(e.target.value)} />
      </div>
      <div
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="image-drop-zone"
        className={`rounded-md border-2 border-dashed p-4 text-sm ${dragging ? 'border-neutral-900 bg-neutral-100' : 'border-neutral-300'}`}
      >
        <p className="mb-2 text-neutral-700">Drop an image here, or choose one. {ACCEPTED_NAMES}, up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB.</p>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-neutral-900">
          {label}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPTED_TYPES.join(',')}
          disabled={busy}
          aria-describedby={`${id}-status`}
          className="mt-1 block text-sm file:mr-3 file:rounded file:border-0 file:bg-neutral-900 file:px-3 file:py-1.5 file:text-white"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again (after fixing the alt text) uploads again.
            e.target.value = '';
            if (file) upload(file);
          }}
        />
      </div>
      <div id={`${id}-status`} aria-live="polite" role="status" className="text-sm">
        {state.kind === 'uploading' ? (
          <p className="flex items-center gap-2">
            Uploading {state.name}…
            <progress max={1} value={state.progress ?? undefined} aria-label="Upload progress" className="h-2 w-40" />
          </p>
        ) : null}
        {state.kind === 'error' ? <p className="field-error">{state.message}</p> : null}
        {state.kind === 'done' ? <p>Uploaded.</p> : null}
      </div>
      {state.kind === 'done' ? (
        <Image
          src={state.image.url}
          alt={state.image.alt}
          width={state.image.width}
          height={state.image.height}
          sizes="160px"
          className="h-auto max-h-40 w-auto rounded border border-neutral-200"
          data-testid="image-upload-preview"
        />
      ) : null}
    </div>
  );
}
