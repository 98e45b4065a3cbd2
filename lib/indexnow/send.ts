import 'server-only';
import { env } from '@/lib/env';
import { siteHost, siteUrl } from '@/lib/site-url';

// The IndexNow request (https://www.indexnow.org/documentation): one POST of the changed
// URLs with the site's host and key, and where the key file is, so the search engine can
// check that this site sent it. Run by the `indexnow` job (lib/jobs/tasks.ts): an answer
// other than 200/202, or no answer, throws, and graphile-worker retries with backoff.

export type IndexNowBody = { host: string; key: string; keyLocation: string; urlList: string[] };

/** The key file's path: /<key>.txt (served by app/indexnow-key/[key], through a rewrite in next.config.js). */
export const keyFilePath = (key: string) => `/${key}.txt`;

export function indexNowBody(key: string, paths: string[]): IndexNowBody {
  return {
    host: siteHost(),
    key,
    keyLocation: siteUrl(keyFilePath(key)),
    urlList: [...new Set(paths)].map((path) => siteUrl(path)),
  };
}

/** Sends `paths` to INDEXNOW_ENDPOINT; false when IndexNow is off (the key was removed after the job was queued). */
export async function sendIndexNow(paths: string[]): Promise<boolean> {
  const { INDEXNOW_KEY: key, INDEXNOW_ENDPOINT: endpoint } = env();
  if (!key) return false;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(indexNowBody(key, paths)),
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 200 && response.status !== 202) {
    const detail = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    throw new Error(`IndexNow answered ${response.status}${detail ? `: ${detail}` : ''}`);
  }
  await response.body?.cancel();
  return true;
}
