'use client';

import Image from 'next/image';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_NAMES, ACCEPTED_TYPES, MAX_ALT_LENGTH, MAX_UPLOAD_BYTES } from '@/lib/media/limits';
import { sendImage, type UploadedImage } from './send-image';

// Uploads one image (a cover) to POST /api/admin/media: dropped on the zone or chosen with
// the file input (send-image.ts does the request). It asks for alt text itself unless the
// parent already has a field for it (the cover's description) and passes it as `alt`.

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; progress: number | null }
  | { kind: 'error'; message: string }
  | { kind: 'done'; image: UploadedImage };

type Props = { onUploaded: (image: UploadedImage) => void; label?: string; alt?: string };

export function ImageUpload({ onUploaded, label = 'Image', alt: parentAlt }: Props) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [ownAlt, setOwnAlt] = useState('');
  const [dragging, setDragging] = useState(false);
  const request = useRef<AbortController | null>(null);
  const alt = parentAlt ?? ownAlt;

  useEffect(() => () => request.current?.abort(), []);

  async function upload(file: File) {
    if (state.kind === 'uploading') return;
    const controller = new AbortController();
    request.current = controller;
    setState({ kind: 'uploading', name: file.name, progress: 0 });
    const result = await sendImage(file, alt, { signal: controller.signal, onProgress: (progress) => setState({ kind: 'uploading', name: file.name, progress }) });
    if (controller.signal.aborted) return;
    request.current = null;
    if (result.ok) {
      setState({ kind: 'done', image: result.image });
      onUploaded(result.image);
    } else {
      setState({ kind: 'error', message: result.message });
    }
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  }

  const busy = state.kind === 'uploading';
  return (
    <div className="space-y-3" data-testid="image-upload">
      {parentAlt === undefined ? (
        <div>
          <label htmlFor={`${id}-alt`} className="block text-sm font-medium text-neutral-900">
            Alt text <span className="font-normal text-neutral-600">(what the image shows, for screen readers)</span>
          </label>
          <input id={`${id}-alt`} className="field-input" value={ownAlt} maxLength={MAX_ALT_LENGTH} onChange={(e) => setOwnAlt(e.target.value)} />
        </div>
      ) : null}
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
            if (file) void upload(file);
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
