// @ts-check
// The optimizer's widths and quality, shared with lib/media/responsive.ts, which writes
// /_next/image URLs for images in the post body: the optimizer answers 400 to any other.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS
const imageWidths = require('./lib/media/image-widths.json');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Public pages are cached components ('use cache' + cacheTag + cacheLife): a cache hit does no database work.
  cacheComponents: true,
  // Off on purpose: with Partial Prefetching an unlisted /post/[slug] is answered with the
  // shared shell before the slug is known, so an unknown slug could not get a real 404 status.
  partialPrefetching: false,
  poweredByHeader: false,
  // The production server (server/server.mjs, which sets QUIRE_SERVER_COMPRESSES; read when
  // the server starts) compresses itself, in server/csp.mjs with the same middleware: it
  // changes each reading page first (its scripts after the first paint), and compressing once
  // there costs less than undoing Next's compression and doing it again (bench/README.md).
  // `next start` and `next dev` compress as Next does.
  compress: process.env.QUIRE_SERVER_COMPRESSES !== '1',
  // Next hashes the whole HTML in JavaScript on every response to make an ETag: ~12% of a cache hit's CPU (bench).
  generateEtags: false,
  experimental: {
    // Turbopack keeps a cache of the build in .next/cache (on by default since 16.4) that speeds the next build of the
    // same checkout. CI builds a fresh clone once and never reads it back: writing it cost ~25 s of CPU of a ~95 s
    // build on 2 cores (measured with /usr/bin/time, user+sys 118 s with it, 93 s without).
    turbopackFileSystemCacheForBuild: process.env.CI !== 'true',
    // The same limit the production server holds every body to (lib/hardening.mjs
    // BODY_LIMIT_BYTES: 413 before Next); Next's default is 1 MB.
    serverActions: { bodySizeLimit: '2mb' },
    // Keep regenerated pages in memory (an LRU of cacheMaxMemorySize) instead of writing
    // each one to .next: otherwise every unknown /post/<slug> a crawler probes would leave
    // a cached 404 on disk, without bound.
    isrFlushToDisk: false,
  },
  reactStrictMode: true,
  // `npm test` type-checks the whole project itself (tsc --noEmit) before it builds; its
  // build (scripts/test.mjs) skips Next's second pass over the same files. Any other build checks.
  typescript: { ignoreBuildErrors: process.env.QUIRE_BUILD_TYPECHECKED === '1' },
  // Next's caches through lib/shared-cache: with REDIS_URL at run time they live in Redis,
  // shared by every instance; without it, Next's own in-memory handlers. One build serves both.
  cacheHandler: require.resolve('./lib/shared-cache/next-incremental.mjs'),
  cacheHandlers: {
    default: require.resolve('./lib/shared-cache/next-use-cache.mjs'),
    remote: require.resolve('./lib/shared-cache/next-use-cache.mjs'),
  },
  // The job worker (lib/jobs) runs graphile-worker as Node loads it: it reads its own files
  // (migrations, config loader) at run time, which a bundle would not carry.
  serverExternalPackages: ['graphile-worker'],
  // Cache profiles used by lib/cache.ts (seconds). `counters` keeps views and comment counts a few seconds fresh
  // while still being part of the prerendered page (stale >= 30 s, expire >= 5 min; see cacheLife docs).
  cacheLife: {
    content: { stale: 300, revalidate: 3600, expire: 86400 * 30 },
    counters: { stale: 30, revalidate: 10, expire: 3600 },
    // "No such post": a page render that read it just before a publish committed can be
    // stored just after the publish invalidated its tags, so it must not live long.
    missing: { stale: 30, revalidate: 5, expire: 300 },
  },
  images: {
    // Nothing is fetched from the internet. Local images are the uploads (app/uploads,
    // random names that never change); no query strings, so nobody can make the optimizer
    // fetch and cache endless variants of one file.
    remotePatterns: [],
    localPatterns: [{ pathname: '/uploads/**', search: '' }],
    deviceSizes: imageWidths.deviceSizes,
    imageSizes: imageWidths.imageSizes,
    qualities: [imageWidths.quality],
  },
  // A reader with a session gets the post page with a dynamic comments section (their
  // forms, their held comments, their likes) at the same address; everyone else gets the
  // cached page. Both cookie names (lib/cookie-names.mjs): next-auth adds __Secure- on https sites.
  async rewrites() {
    const { SESSION_COOKIES, SHELL_COOKIE } = await import('./lib/cookie-names.mjs');
    const toComments = (key) => ({ source: '/post/:slug', has: [{ type: 'cookie', key }], destination: '/post/:slug/comments' });
    // The signed-in page's shared shell, asked for by the production server (server/reader-pages.mjs).
    const toShell = toComments(SHELL_COOKIE);
    // The IndexNow key file, /<key>.txt (8–128 letters, digits, dashes): one route answers the configured key, 404 any other.
    const indexNowKeyFile = { source: '/:key([A-Za-z0-9-]{8,128}).txt', destination: '/indexnow-key/:key' };
    return { beforeFiles: [toShell, ...SESSION_COOKIES.map(toComments)], afterFiles: [indexNowKeyFile], fallback: [] };
  },
  // The security headers (lib/hardening.mjs); the production server sets them on every
  // answer too, with HSTS when SITE_URL is https (decided at run time, not in the build).
  async headers() {
    const { SECURITY_HEADERS } = await import('./lib/hardening.mjs');
    return [{ source: '/:path*', headers: SECURITY_HEADERS.map(([key, value]) => ({ key, value })) }];
  },
};

module.exports = nextConfig;
