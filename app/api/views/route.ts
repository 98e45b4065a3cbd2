import type { NextRequest } from 'next/server';
import { viewStore } from '@/lib/dal/views';
import { MAX_BEACON_BYTES } from '@/lib/validations/views.mjs';
import { acceptBeacon, type BeaconResponse } from '@/lib/views/endpoint.mjs';

// The view beacon through Next. The production server answers /api/views before Next
// (server/server.mjs); both go through acceptBeacon in lib/views/endpoint.mjs.

function toResponse(response: BeaconResponse): Response {
  const body = typeof response.body === 'string' || response.body === null ? response.body : new Uint8Array(response.body);
  return new Response(body, { status: response.status, headers: response.headers });
}

async function handle(request: NextRequest, body: string | null): Promise<Response> {
  return toResponse(
    await acceptBeacon(viewStore(), {
      method: request.method,
      body,
      pixelPostId: request.nextUrl.searchParams.get('p'),
      userAgent: request.headers.get('user-agent'),
      purpose: request.headers.get('sec-purpose') ?? request.headers.get('purpose'),
      forwardedFor: request.headers.get('x-forwarded-for'),
    }),
  );
}

export async function POST(request: NextRequest): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BEACON_BYTES) return handle(request, null);
  const raw = await request.text();
  return handle(request, Buffer.byteLength(raw) > MAX_BEACON_BYTES ? null : raw);
}

export function GET(request: NextRequest): Promise<Response> {
  return handle(request, '');
}
