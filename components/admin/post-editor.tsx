'use client';

import slugify from '@sindresorhus/slugify';
import { startTransition, useActionState, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { savePostAction, type EditorState } from '@/lib/actions/admin-posts';
import type { PostForEdit } from '@/lib/dal/admin-post-reads';
import { readingMinutes } from '@/lib/reading-time';
import { ImageButton, UploadStatus, useBodyImages } from './body-images';
import { applyMark, SHORTCUTS, wordCount, type Mark } from './markdown-marks';
import { MarkdownPreview } from './markdown-preview';
import { PostSettingsFields } from './post-settings-fields';

// The post editor. A plain form first: without JavaScript "Save draft", "Publish" and
// "Schedule" post it and the page comes back with the result. With JavaScript it saves
// by itself a few seconds after typing stops ("Saved"), previews through the public
// page's pipeline, counts words, has shortcuts for the common marks, takes inline images
// (toolbar, drop, paste: body-images.tsx), and warns before leaving with unsaved changes.
// Every save sends the version it started from; a save from a stale tab is refused with a
// message and nothing is overwritten.

const AUTOSAVE_MS = 3000;
const MARKS: { mark: Mark; label: string; keys: string }[] = [
  { mark: 'bold', label: 'Bold', keys: 'Ctrl+B' },
  { mark: 'italic', label: 'Italic', keys: 'Ctrl+I' },
  { mark: 'link', label: 'Link', keys: 'Ctrl+K' },
  { mark: 'code', label: 'Code', keys: 'Ctrl+E' },
  { mark: 'heading', label: 'Heading', keys: '' },
  { mark: 'quote', label: 'Quote', keys: '' },
  { mark: 'list', label: 'List', keys: '' },
];

type Props = {
  post: PostForEdit;
  categories: { id: string; name: string }[];
  authors: { id: string; name: string }[];
  initialState: EditorState;
};

export function PostEditor({ post, categories, authors, initialState }: Props) {
  const [state, formAction, pending] = useActionState(savePostAction, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const v = state?.values ?? {};
  const [title, setTitle] = useState(v.title ?? post.title);
  const [slug, setSlug] = useState(v.slug ?? post.slug);
  const [slugTouched, setSlugTouched] = useState(post.status !== 'DRAFT' || post.title !== 'Untitled');
  const [body, setBody] = useState(v.body ?? post.body);
  const [dirty, setDirty] = useState(false);
  const version = state?.version ?? post.version;
  const conflict = state?.status === 409 && !state.fieldErrors;
  const images = useBodyImages(bodyRef, setBody, () => setDirty(true));
  const uploading = images.uploading > 0;

  // Autosave: a few seconds after the last change, unless a save is running, the post
  // changed elsewhere (then only the reader decides) or an image is still uploading (its
  // placeholder is not content).
  useEffect(() => {
    if (!dirty || pending || conflict || uploading) return;
    const timer = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const data = new FormData(form);
      data.set('intent', 'autosave');
      setDirty(false);
      startTransition(() => formAction(data));
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, pending, conflict, uploading, title, slug, body, formAction]);

  // A refused or failed save leaves the text unsaved as much as typing does.
  const unsaved = dirty || (!!state?.message && !state.ok);
  useEffect(() => {
    if (!unsaved && !uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved, uploading]);

  function mark(which: Mark) {
    const area = bodyRef.current;
    if (!area) return;
    const next = applyMark({ text: area.value, start: area.selectionStart, end: area.selectionEnd }, which);
    setBody(next.text);
    setDirty(true);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.start, next.end);
    });
  }

  function onBodyKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    const which = SHORTCUTS[event.key.toLowerCase()];
    if (which && (event.ctrlKey || event.metaKey) && !event.altKey) {
      event.preventDefault();
      mark(which);
    }
  }

  const words = wordCount(body);
  const status = state?.postStatus ?? post.status;
  return (
    <form ref={formRef} action={formAction} onChange={() => setDirty(true)} onSubmit={() => setDirty(false)} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" data-testid="post-editor">
      <input type="hidden" name="id" value={post.id} />
      <input type="hidden" name="version" value={version} />
      <div className="min-w-0 space-y-4">
        <div aria-live="polite" role="status" className="min-h-6 text-sm" data-testid="save-state">
          {pending ? 'Saving…' : state?.message && !(state.ok && dirty) ? <span className={state.ok ? 'text-teal-800' : 'form-message'}>{state.message}</span> : dirty ? 'Unsaved changes' : null}
        </div>
        <div>
          <label htmlFor="post-title" className="text-sm font-medium">
            Title
          </label>
          <input
            id="post-title"
            name="title"
            value={title}
            required
            maxLength={200}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!slugTouched) setSlug(slugify(e.target.value).slice(0, 100) || 'post');
            }}
            className="field-input text-2xl font-semibold"
            aria-invalid={state?.fieldErrors?.title ? true : undefined}
          />
          {state?.fieldErrors?.title ? <span className="field-error">{state.fieldErrors.title}</span> : null}
        </div>
        <div>
          <label htmlFor="post-slug" className="text-sm font-medium">
            Address
          </label>
          <span className="flex items-center gap-1 text-sm text-neutral-700">
            /post/
            <input
              id="post-slug"
              name="slug"
              value={slug}
              required
              maxLength={120}
              onChange={(e) => {
                setSlug(e.target.value);
                setSlugTouched(true);
              }}
              className="field-input"
              aria-invalid={state?.fieldErrors?.slug ? true : undefined}
            />
          </span>
          {state?.fieldErrors?.slug ? <span className="field-error">{state.fieldErrors.slug}</span> : null}
        </div>
        <div>
          <div role="toolbar" aria-label="Formatting" className="mb-1 flex flex-wrap gap-1">
            {MARKS.map((m) => (
              <button key={m.mark} type="button" onClick={() => mark(m.mark)} className="btn-secondary px-2 py-1 text-xs" title={m.keys ? `${m.label} (${m.keys})` : m.label}>
                {m.label}
              </button>
            ))}
            <ImageButton onFiles={images.insertImages} />
          </div>
          <UploadStatus uploading={images.uploading} errors={images.errors} />
          <label htmlFor="post-body" className="sr-only">
            Body (markdown)
          </label>
          <textarea
            id="post-body"
            ref={bodyRef}
            name="body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={onBodyKey}
            {...images.bodyProps}
            rows={24}
            className="field-input font-mono text-sm"
          />
          <p className="mt-1 text-sm text-neutral-700" data-testid="word-count">
            {words.toLocaleString('en')} {words === 1 ? 'word' : 'words'} · {readingMinutes(body)} min read
          </p>
          {state?.fieldErrors?.body ? <span className="field-error">{state.fieldErrors.body}</span> : null}
        </div>
        <MarkdownPreview markdown={body} />
      </div>
      <PostSettingsFields post={post} values={v} errors={state?.fieldErrors ?? {}} categories={categories} authors={authors} status={status} pending={pending} />
    </form>
  );
}
