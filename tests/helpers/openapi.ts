import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Checks a real /api/v1 answer against the OpenAPI document the site serves: finds the
// operation for the request's path (templates like /posts/{slug}), takes the response
// schema for the status, and validates the body with ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). Shared by the integration test and the e2e spec.

type Doc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }>;
};

export type ApiValidator = {
  /** Null when valid, else ajv's errors as text. Throws when the path or status is not described. */
  check(pathname: string, status: number, body: unknown): string | null;
  /** The component schema's validator (Post, Comment, Error …). */
  component(name: string): ValidateFunction;
};

export function apiValidator(document: unknown): ApiValidator {
  const doc = document as Doc;
  // strict: false only for the document's own OpenAPI keywords (info, paths …), which are
  // not JSON Schema; the component schemas are compiled and checked in full.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  const component = (name: string) => {
    const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
    if (!validate) throw new Error(`no component ${name}`);
    return validate;
  };
  const base = new URL(doc.servers[0]?.url ?? '').pathname;
  const templates = Object.keys(doc.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  return {
    component,
    check(pathname, status, body) {
      const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
      const template = templates.find(({ re }) => re.test(rest))?.t;
      if (!template) throw new Error(`${pathname}: no path in the OpenAPI document`);
      const response = doc.paths[template]?.get?.responses[String(status)];
      if (!response) throw new Error(`${pathname}: status ${status} is not described`);
      const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
      if (!schema?.$ref) return body === null || body === '' ? null : `${pathname} ${status}: a body where none is described`;
      const validate = component(schema.$ref.split('/').pop() ?? '');
      return validate(body) ? null : ajv.errorsText(validate.errors);
    },
  };
}
