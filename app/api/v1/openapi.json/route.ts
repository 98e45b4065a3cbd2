import { readOpenApi } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 description (lib/api/openapi.ts).
export const GET = (request: Request) => serveApi(request, readOpenApi);
export const OPTIONS = preflight;
