import 'server-only';
import pg from 'pg';
import { env } from '@/lib/env';
import { createViewStore, type RecordViewResult, type ViewStore } from '@/lib/views/store.mjs';

// The view pipeline inside Next (`npm run dev`, plain `next start`, tests). The
// production server takes beacons before Next with the same store (lib/views/store.mjs)
// over its own small pool; see server/server.mjs.

const globalForViews = globalThis as unknown as { quireViewStore?: ViewStore };

export function viewStore(): ViewStore {
  globalForViews.quireViewStore ??= createViewStore(new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 }));
  return globalForViews.quireViewStore;
}

/**
 * Records one view of a post by a visitor (address + user agent), at most once per
 * visitor per post per UTC day. Resolves when the view is durably stored.
 */
export function recordView(postId: string, address: string, userAgent: string, now?: Date): Promise<RecordViewResult> {
  return viewStore().recordView(postId, address, userAgent, now);
}
