import { errorResponse, preflight } from '@/lib/api/http';

// Any other address under /api/v1 answers in the API's own JSON error shape, not the
// site's HTML 404 page.
export const GET = () => errorResponse(404, 'not_found', 'No such endpoint: see /api/v1/openapi.json.');
export const OPTIONS = preflight;
