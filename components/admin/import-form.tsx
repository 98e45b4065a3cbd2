// The upload form of /admin/import: a plain multipart form post to the route, so it works
// without JavaScript (a refusal comes back as ?error=…, with the dry run box as it was).
export function ImportForm({ message, dryRun }: { message?: string; dryRun: boolean }) {
  return (
    <form method="post" action="/api/admin/import" encType="multipart/form-data" className="max-w-xl space-y-4 rounded-md border border-neutral-200 bg-white p-4">
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
      <label className="block text-sm font-medium">
        Export file
        <input type="file" name="file" required accept=".xml,.json,.zip,.md,.markdown" className="field-input" aria-describedby="import-file-hint" />
      </label>
      <p id="import-file-hint" className="-mt-2 text-sm text-neutral-600">
        .xml (WordPress, Disqus), .json (Ghost, Quire archive), .zip (a Jekyll or Hugo folder), .md
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dryRun" defaultChecked={dryRun} aria-describedby="import-dry-run-hint" />
        Dry run
      </label>
      <p id="import-dry-run-hint" className="-mt-2 ml-6 text-sm text-neutral-600">
        Reads the file and reports what an import would create, update and skip; writes nothing.
      </p>
      <button type="submit" className="btn-primary">
        Upload and import
      </button>
    </form>
  );
}
