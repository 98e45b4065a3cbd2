import { diffLines } from 'diff';

// A line diff of two texts, rendered on the server: removed lines struck through, added
// lines underlined, with words for screen readers (colour is not the only cue).
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffLines(before, after);
  if (parts.every((p) => !p.added && !p.removed)) return <p className="text-sm text-neutral-700">No differences in the body.</p>;
  return (
    <pre className="overflow-x-auto whitespace-pre-wrap rounded-md border border-neutral-200 bg-white p-3 text-sm" data-testid="revision-diff">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i} className="block bg-green-50 text-green-900">
            <span className="sr-only">Added: </span>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i} className="block bg-red-50 text-red-900">
            <span className="sr-only">Removed: </span>
            {part.value}
          </del>
        ) : (
          <span key={i} className="block text-neutral-600">
            {part.value}
          </span>
        ),
      )}
    </pre>
  );
}
