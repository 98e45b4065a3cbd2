/** The old addresses of a renamed category or tag (or of tags merged into it), which redirect to it. */
export function OldAddresses({ base, slugs }: { base: string; slugs: string[] }) {
  if (slugs.length === 0) return null;
  return (
    <div className="mt-6 max-w-xl text-sm text-neutral-700">
      <h2 className="font-medium text-neutral-900">Old addresses that lead here</h2>
      <ul className="mt-1 list-disc pl-5">
        {slugs.map((slug) => (
          <li key={slug}>
            {base}/{slug}
          </li>
        ))}
      </ul>
    </div>
  );
}
