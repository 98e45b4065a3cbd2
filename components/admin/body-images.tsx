'use client';

import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { ACCEPTED_TYPES } from '@/lib/media/limits';
import { altFromFileName, imageMarkdown, insertAtCursor, placeholdersFor, replacePlaceholder } from './image-markdown';
import type { Edit } from './markdown-marks';
import { sendImage } from './send-image';

// Inline images for the post body: chosen with the toolbar's "Image" button, dropped on
// the body or pasted into it. Each file uploads through POST /api/admin/media; meanwhile a
// placeholder stands at the cursor, then becomes `![name](/uploads/…)` (the file's name as
// the alt text, to edit in place), or goes away with the reason if the upload failed.

/** `setBody` is the textarea's state; `onChanged` marks the post changed, as typing does (autosave). */
export function useBodyImages(bodyRef: RefObject<HTMLTextAreaElement | null>, setBody: (text: string) => void, onChanged: () => void) {
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const requests = useRef(new Set<AbortController>());

  useEffect(() => {
    const running = requests.current;
    return () => running.forEach((r) => r.abort());
  }, []);

  // The textarea's own value is the latest text (typing updates it before React does);
  // flushSync puts the edit in at once, so the next edit, even in the same tick, reads it.
  function edit(change: (current: Edit) => Edit | null, focus: boolean): boolean {
    const area = bodyRef.current;
    if (!area) return false;
    const next = change({ text: area.value, start: area.selectionStart, end: area.selectionEnd });
    if (!next) return false;
    flushSync(() => setBody(next.text));
    if (focus) area.focus();
    area.setSelectionRange(next.start, next.end);
    return true;
  }

  async function upload(file: File, placeholder: string) {
    const request = new AbortController();
    requests.current.add(request);
    const result = await sendImage(file, altFromFileName(file.name), { signal: request.signal });
    requests.current.delete(request);
    if (request.signal.aborted) return;
    setUploading((n) => n - 1);
    const markdown = result.ok ? imageMarkdown(result.image.alt || altFromFileName(file.name), result.image.url) : '';
    const suffix = placeholder.endsWith('\n') ? '\n' : '';
    const replaced = edit((current) => replacePlaceholder(current, placeholder, markdown && markdown + suffix), false);
    if (!result.ok) setErrors((e) => [...e, `${file.name} was not uploaded: ${result.message}`]);
    else if (!replaced) setErrors((e) => [...e, `${file.name} was uploaded, but its placeholder was deleted meanwhile, so it was not inserted.`]);
    else onChanged();
  }

  function insertImages(files: File[]) {
    if (files.length === 0 || !bodyRef.current) return;
    let placeholders: string[] = [];
    edit((current) => {
      // One per line when there are several; the line break goes (or stays) with its image.
      placeholders = placeholdersFor(files.map((f) => f.name), current.text).map((p, i) => (i < files.length - 1 ? `${p}\n` : p));
      return insertAtCursor(current, placeholders.join(''));
    }, true);
    setErrors([]);
    setUploading((n) => n + files.length);
    files.forEach((file, i) => void upload(file, placeholders[i] ?? ''));
  }

  const bodyProps = {
    onDrop(event: DragEvent<HTMLTextAreaElement>) {
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      insertImages(files);
    },
    onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
      // Text copied from an office program often comes with a picture of itself: text wins.
      const files = [...event.clipboardData.files];
      if (files.length === 0 || event.clipboardData.getData('text/plain') !== '') return;
      event.preventDefault();
      insertImages(files);
    },
  };
  return { uploading, errors, insertImages, bodyProps };
}

/** How many images are on their way, and why any failed. */
export function UploadStatus({ uploading, errors }: { uploading: number; errors: string[] }) {
  return (
    <div role="status" aria-live="polite" className="text-sm" data-testid="body-image-status">
      {uploading > 0 ? <p>Uploading {uploading === 1 ? 'an image' : `${uploading} images`}…</p> : null}
      {errors.map((error, i) => (
        <p key={i} className="field-error">
          {error}
        </p>
      ))}
    </div>
  );
}

/** The toolbar's "Image" button: a file picker for one or more images. */
export function ImageButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} className="btn-secondary px-2 py-1 text-xs" title="Image (or drop or paste one into the text)">
        Image
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPTED_TYPES.join(',')}
        aria-label="Insert images"
        data-testid="body-image-input"
        onChange={(event) => {
          // Not a change to the post (the form would mark it unsaved): the upload is.
          event.stopPropagation();
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
