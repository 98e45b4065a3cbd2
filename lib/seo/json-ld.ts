import type { Thing, WithContext } from 'schema-dts';

/** One JSON-LD document: a schema.org node with its @context, typed by schema-dts. */
export type JsonLdDocument = WithContext<Exclude<Thing, string>>;

/**
 * The text of a `<script type="application/ld+json">`. JSON.stringify alone is not safe
 * there: a title holding `</script>` would end the element and `<!--` would change how
 * the HTML parser finds its end. `\u003c`, `\u003e` and `\u0026` are the same characters
 * to a JSON parser but never markup to an HTML one (the escaping the Next.js JSON-LD
 * guide gives, with `>` and `&` added so no other sequence can matter either).
 */
export function jsonLdText(data: JsonLdDocument): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
