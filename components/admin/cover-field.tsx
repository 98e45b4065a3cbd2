'use client';

import { useState } from 'react';
import { ImageUpload } from './image-upload';

// The post's cover: upload one (drag and drop or a file picker) and it fills the cover
// fields; the address stays editable by hand (and is the only way without JavaScript).
// The description below is the one alt text: saved with the post, and sent with the upload.
export function CoverField({ image, alt, error }: { image: string; alt: string; error?: string }) {
  const [path, setPath] = useState(image);
  const [description, setDescription] = useState(alt);
  return (
    <div className="space-y-2 text-sm">
      <ImageUpload
        label="Upload a cover image"
        alt={description}
        onUploaded={(uploaded) => setPath(uploaded.url)}
      />
      <label className="block">
        Cover image address
        <input name="coverImage" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/uploads/…" className="field-input" aria-invalid={error ? true : undefined} />
        {error ? <span className="field-error">{error}</span> : null}
      </label>
      <label className="block">
        Cover description (alt text)
        <input name="coverAlt" maxLength={200} value={description} onChange={(e) => setDescription(e.target.value)} className="field-input" />
      </label>
    </div>
  );
}
