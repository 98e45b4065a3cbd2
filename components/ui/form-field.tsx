import type { InputHTMLAttributes } from 'react';

// A labelled input with its error, wired for screen readers (aria-invalid, aria-describedby).
export function FormField({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-neutral-900">
        {label}
      </label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className="field-input" {...input} />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-neutral-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level message, announced when it changes. */
export function FormMessage({ message }: { message?: string }) {
  return (
    <div aria-live="polite" role="status">
      {message ? <p className="form-message">{message}</p> : null}
    </div>
  );
}
