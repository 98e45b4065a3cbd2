import { readSite } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/site (README "API").
export const GET = (request: Request) => serveApi(request, readSite);
export const OPTIONS = preflight;
