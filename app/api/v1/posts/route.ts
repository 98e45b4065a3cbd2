import { readPosts } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/posts?cursor=&limit=&category=&tag= (README "API").
export const GET = (request: Request) => serveApi(request, readPosts);
export const OPTIONS = preflight;
