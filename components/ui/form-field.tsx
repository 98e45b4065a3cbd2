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

/**
 * The field for choosing a password (sign-up, reset, claim): a new password, so password managers offer to generate
 * and save one; the rules as its hint; never refilled after a refusal.
 */
export function NewPasswordField({ label, hint, minLength, error }: { label: string; hint: string; minLength: number; error?: string }) {
  return <FormField label={label} name="password" type="password" autoComplete="new-password" required minLength={minLength} error={error} hint={hint} />;
}
