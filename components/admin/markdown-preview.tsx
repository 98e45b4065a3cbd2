'use client';

import { useEffect, useState } from 'react';
import { previewPostAction } from '@/lib/actions/admin-posts';

// The live preview: the body rendered by the public post page's own pipeline (a server
// action, so what the author sees is what readers get), a moment after typing stops.
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewPostAction(markdown).then(
        (rendered) => current && (setHtml(rendered), setFailed(false)),
        () => current && setFailed(true),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [markdown]);
  return (
    <section aria-labelledby="preview-heading" className="rounded-md border border-neutral-200 bg-white p-4">
      <h2 id="preview-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-neutral-600">
        Preview
      </h2>
      {failed ? <p className="form-message">The preview could not be rendered. Your text is safe; keep writing.</p> : null}
      {html === null ? (
        <p className="text-sm text-neutral-600">Rendering…</p>
      ) : (
        // Rendered and sanitized on the server by lib/markdown.ts, as on the public page.
        <div className="prose max-w-none" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </section>
  );
}
