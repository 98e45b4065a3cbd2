import { readCategories } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/categories (README "API").
export const GET = (request: Request) => serveApi(request, readCategories);
export const OPTIONS = preflight;
