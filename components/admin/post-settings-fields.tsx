import type { PostForEdit } from '@/lib/dal/admin-post-reads';
import { CoverField } from './cover-field';

// The editor's side column: publishing, then the post's details (excerpt, cover, categories,
// tags, author, search appearance). Uncontrolled fields: the form posts them as typed.

type Props = {
  post: PostForEdit;
  values: Record<string, string>;
  errors: Record<string, string>;
  categories: { id: string; name: string }[];
  authors: { id: string; name: string }[];
  status: string;
  pending: boolean;
};

function Error({ message }: { message?: string }) {
  return message ? <span className="field-error">{message}</span> : null;
}

export function PostSettingsFields({ post, values: v, errors, categories, authors, status, pending }: Props) {
  const live = status !== 'DRAFT';
  return (
    <aside className="space-y-5" aria-label="Post settings">
      <fieldset className="space-y-2 rounded-md border border-neutral-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold">Publishing</legend>
        <p className="text-sm" data-testid="post-status">
          Status: <strong>{status === 'SCHEDULED' ? 'scheduled' : status === 'PUBLISHED' ? 'published' : 'draft'}</strong>
          {live ? (
            <>
              {' · '}
              <a href={`/post/${post.slug}`} className="btn-link">
                View post
              </a>
            </>
          ) : null}
        </p>
        <button type="submit" name="intent" value="save" className="btn-secondary w-full" disabled={pending}>
          {live ? 'Update' : 'Save draft'}
        </button>
        {post.can.publish ? (
          <>
            {status !== 'PUBLISHED' ? (
              <button type="submit" name="intent" value="publish" className="btn-primary w-full" disabled={pending}>
                Publish now
              </button>
            ) : null}
            <label className="block text-sm">
              Publish at (UTC)
              <input type="datetime-local" step={1} name="publishAt" defaultValue={v.publishAt} className="field-input" aria-invalid={errors.publishAt ? true : undefined} />
              <Error message={errors.publishAt} />
            </label>
            <button type="submit" name="intent" value="schedule" className="btn-secondary w-full" disabled={pending}>
              Schedule
            </button>
            {live ? (
              <button type="submit" name="intent" value="unpublish" className="btn-secondary w-full" disabled={pending}>
                Unpublish (back to draft)
              </button>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-neutral-700">An editor or the author publishes contributors’ drafts.</p>
        )}
      </fieldset>
      <label className="block text-sm">
        Excerpt
        <textarea name="excerpt" rows={3} maxLength={300} defaultValue={v.excerpt ?? post.excerpt} placeholder="Empty: the opening of the post." className="field-input" />
        <Error message={errors.excerpt} />
      </label>
      <CoverField image={v.coverImage ?? post.coverImage ?? ''} alt={v.coverAlt ?? post.coverAlt ?? ''} error={errors.coverImage} />
      <fieldset className="text-sm">
        <legend className="font-medium">Categories</legend>
        {categories.map((c) => (
          <label key={c.id} className="mr-3 inline-flex items-center gap-1">
            <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={post.categoryIds.includes(c.id)} />
            {c.name}
          </label>
        ))}
        <Error message={errors.categoryIds} />
      </fieldset>
      <label className="block text-sm">
        Tags (comma-separated; new ones are created)
        <input name="tags" defaultValue={v.tags ?? post.tags.join(', ')} className="field-input" />
        <Error message={errors.tags} />
      </label>
      {post.can.reassign && authors.length > 0 ? (
        <label className="block text-sm">
          Author
          <select name="authorId" defaultValue={post.authorId} className="field-input">
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <Error message={errors.authorId} />
        </label>
      ) : null}
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium">Search appearance</legend>
        <label className="block">
          Search title
          <input name="seoTitle" maxLength={70} defaultValue={v.seoTitle ?? post.seoTitle ?? ''} className="field-input" />
          <Error message={errors.seoTitle} />
        </label>
        <label className="block">
          Search description
          <textarea name="seoDescription" rows={2} maxLength={160} defaultValue={v.seoDescription ?? post.seoDescription ?? ''} className="field-input" />
          <Error message={errors.seoDescription} />
        </label>
        <div className="rounded border border-neutral-200 bg-white p-3" aria-label="Search result preview">
          <p className="truncate text-lg text-blue-800">{post.seoTitle || post.title}</p>
          <p className="truncate text-xs text-green-800">/post/{post.slug}</p>
          <p className="line-clamp-2 text-neutral-700">{post.seoDescription || post.excerpt || 'The excerpt shows here when there is no search description.'}</p>
        </div>
      </fieldset>
    </aside>
  );
}
