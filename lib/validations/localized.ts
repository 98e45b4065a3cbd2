import type { Dictionary } from '@/lib/i18n';

// zod fixes an error message when a schema is built, so a form that answers in the site's
// language parses with schemas built from that language's `validation` messages. Each
// language's schemas are built once, on first use.

export type ValidationMessages = Dictionary['validation'];

export function perLanguage<T>(build: (v: ValidationMessages) => T): (v: ValidationMessages) => T {
  const built = new WeakMap<ValidationMessages, T>();
  return (v) => {
    let schemas = built.get(v);
    if (schemas === undefined) {
      schemas = build(v);
      built.set(v, schemas);
    }
    return schemas;
  };
}
