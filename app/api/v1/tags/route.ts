import { readTags } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/tags (README "API").
export const GET = (request: Request) => serveApi(request, readTags);
export const OPTIONS = preflight;
