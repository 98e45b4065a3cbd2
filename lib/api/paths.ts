// Every /api/v1 address, in one place: the routes in app/api/v1 live at exactly these
// paths, and the OpenAPI document and the answers' links are built from them.

const segment = encodeURIComponent;

export const API_BASE = '/api/v1';

export const apiPath = {
  site: `${API_BASE}/site`,
  posts: `${API_BASE}/posts`,
  post: (slug: string) => `${API_BASE}/posts/${segment(slug)}`,
  comments: (slug: string) => `${API_BASE}/posts/${segment(slug)}/comments`,
  categories: `${API_BASE}/categories`,
  tags: `${API_BASE}/tags`,
  openapi: `${API_BASE}/openapi.json`,
} as const;
