import type { Element, Nodes, Properties } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

// Checks rendered HTML against the allow-list its sanitizer is configured with, the way a
// browser would read it: the output is parsed again (not pattern-matched), and every
// element, attribute, attribute value and URL scheme must be one the schema allows.
// `extra`: attributes the pipeline itself adds after sanitizing (rel on links, heading ids).

type AttributeRule = string | [string, ...(string | number | boolean | RegExp | null | undefined)[]];
export type Extra = Record<string, Record<string, (value: unknown) => boolean>>;

const URL_PROPERTIES = ['href', 'src', 'cite', 'longDesc', 'action', 'formAction', 'poster', 'background', 'xLinkHref'];

/** The scheme a browser would see: tabs and newlines removed, leading spaces and controls trimmed (WHATWG URL). */
export function schemeOf(url: string): string | null {
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const match = /^([^:/?#]*):/.exec(cleaned);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

function rulesFor(schema: SanitizeSchema, tag: string): AttributeRule[] {
  const attributes = (schema.attributes ?? {}) as Record<string, AttributeRule[]>;
  return [...(attributes[tag] ?? []), ...(attributes['*'] ?? [])];
}

function valueAllowed(allowed: AttributeRule, value: unknown): boolean {
  if (typeof allowed === 'string') return true;
  const [, ...values] = allowed;
  if (values.length === 0) return true;
  const one = (v: unknown) => values.some((a) => (a instanceof RegExp ? typeof v === 'string' && a.test(v) : a === v || String(a) === String(v)));
  return Array.isArray(value) ? value.every(one) : one(value);
}

function propertyProblems(node: Element, schema: SanitizeSchema, extra: Extra): string[] {
  const problems: string[] = [];
  const rules = rulesFor(schema, node.tagName);
  const props: Properties = node.properties;
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    const added = extra[node.tagName]?.[name] ?? extra['*']?.[name];
    if (added) {
      if (!added(value)) problems.push(`<${node.tagName} ${name}=${JSON.stringify(value)}>: a value the pipeline never adds`);
      continue;
    }
    const matching = rules.filter((r) => (typeof r === 'string' ? r : r[0]) === name);
    if (matching.length === 0) problems.push(`<${node.tagName} ${name}>: attribute not in the allow-list`);
    else if (!matching.some((r) => valueAllowed(r, value))) problems.push(`<${node.tagName} ${name}=${JSON.stringify(value)}>: value not in the allow-list`);
    if ((schema.clobber ?? []).includes(name) && schema.clobberPrefix) {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v) => String(v).startsWith(schema.clobberPrefix ?? ''))) problems.push(`<${node.tagName} ${name}=${JSON.stringify(value)}>: not prefixed with ${schema.clobberPrefix}`);
    }
    if (URL_PROPERTIES.includes(name) && typeof value === 'string') {
      const scheme = schemeOf(value);
      const protocols = (schema.protocols as Record<string, string[]> | undefined)?.[name] ?? [];
      if (scheme !== null && !protocols.includes(scheme)) problems.push(`<${node.tagName} ${name}=${JSON.stringify(value)}>: scheme "${scheme}" not allowed`);
    }
  }
  return problems;
}

/** Everything in `html` the schema (plus `extra`) does not allow; empty when the output is clean. */
export function allowListViolations(html: string, schema: SanitizeSchema, extra: Extra = {}): string[] {
  const problems: string[] = [];
  const tags = new Set(schema.tagNames ?? []);
  const walk = (node: Nodes) => {
    if (node.type === 'comment' && !schema.allowComments) problems.push(`comment <!--${node.value.slice(0, 40)}-->`);
    if (node.type === 'doctype' && !schema.allowDoctypes) problems.push('doctype');
    if (node.type === 'element') {
      if (!tags.has(node.tagName)) problems.push(`<${node.tagName}>: element not in the allow-list`);
      problems.push(...propertyProblems(node, schema, extra));
      // A <template>'s content is a separate fragment: it must not hide anything either.
      if (node.content) walk(node.content);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(html, { fragment: true }));
  return problems;
}
