import { z } from 'zod';
import { API_COMMENT_ORDERS, API_DEFAULT_LIMIT, API_MAX_LIMIT } from '@/lib/validations/api';
import { API_BASE, apiPath } from './paths';
import { apiSchemas } from './schemas';

// The OpenAPI 3.1 description served at /api/v1/openapi.json. Its component schemas are
// generated from the zod schemas the handlers answer with (lib/api/schemas.ts); the
// paths are written here. The tests validate real answers against it (ajv, 2020-12).

type Json = Record<string, unknown>;

/** The component schemas, each as plain JSON Schema 2020-12 referring to the others by $ref. */
function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}` });
  // $schema and $id belong to standalone documents; inside OpenAPI the dialect is the document's.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const copy: Json = { ...schema };
      delete copy.$schema;
      delete copy.$id;
      return [id, copy];
    }),
  );
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });

const errors = {
  '400': json('Error', 'Bad input: an unknown parameter, a bad cursor, limit or filter.'),
  '429': { ...json('Error', 'Too many requests from this address.'), headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } } } },
};
const notModified = { '304': { description: 'The copy named by If-None-Match is current.' } };
const ok = (id: string, description: string) => ({ ...json(id, description), headers: { ETag: { description: 'Send back as If-None-Match.', schema: { type: 'string' } } } });

const param = (name: string, where: 'query' | 'path' | 'header', schema: Json, description: string) => ({ name, in: where, required: where === 'path', description, schema });
const limit = param('limit', 'query', { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT }, 'Items per page.');
const cursor = param('cursor', 'query', { type: 'string' }, 'The `nextCursor` of the previous page.');
const slug = param('slug', 'path', { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }, 'The post’s slug, as in its address /post/{slug}.');
const ifNoneMatch = param('If-None-Match', 'header', { type: 'string' }, 'An ETag from an earlier answer.');

function get(summary: string, parameters: Json[], responses: Json): Json {
  return { get: { summary, parameters: [...parameters, ifNoneMatch], responses: { ...responses, ...notModified, ...errors } } };
}

/** The document; `serverUrl` is the site's address (SITE_URL). */
export function openApiDocument(serverUrl: string): Json {
  const template = (path: string) => path.slice(API_BASE.length).replace('%7Bslug%7D', '{slug}');
  return {
    openapi: '3.1.0',
    info: { title: 'Quire public read API', version: '1.0.0', description: 'Published posts, their visible comments, categories, tags and site information. Read-only, no authentication, CORS open to every origin, rate-limited per address.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: new URL(API_BASE, serverUrl).toString() }],
    paths: {
      [template(apiPath.site)]: get('Site information', [], { '200': ok('Site', 'The site.') }),
      [template(apiPath.posts)]: get(
        'Published posts, newest first',
        [cursor, limit, param('category', 'query', { type: 'string' }, 'Only posts in this category (its slug).'), param('tag', 'query', { type: 'string' }, 'Only posts with this tag (its slug).')],
        { '200': ok('PostList', 'One page of posts.') },
      ),
      [template(apiPath.post('{slug}'))]: get('One published post, as HTML and markdown', [slug], { '200': ok('Post', 'The post.'), '404': json('Error', 'No published post has this slug.') }),
      [template(apiPath.comments('{slug}'))]: get(
        'A post’s visible comments, as threads',
        [slug, cursor, limit, param('order', 'query', { type: 'string', enum: [...API_COMMENT_ORDERS], default: 'oldest' }, 'Order of the threads (replies are always oldest first).')],
        { '200': ok('CommentList', 'One page of threads.'), '404': json('Error', 'No published post has this slug.') },
      ),
      [template(apiPath.categories)]: get('Categories', [], { '200': ok('TermList', 'Every category with posts.') }),
      [template(apiPath.tags)]: get('Tags', [], { '200': ok('TermList', 'Every tag with posts.') }),
    },
    components: { schemas: componentSchemas() },
  };
}
