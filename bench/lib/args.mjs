// Command-line flags of `npm run bench`. Every default is what the figures in
// bench/README.md were measured with, so a bare `npm run bench` is comparable to them.
import { parseArgs } from 'node:util';

export const DEFAULTS = {
  duration: 20, // seconds of measured load on each page server
  rounds: 4, // app and baseline alternate in this many rounds (noise hits both alike)
  warmup: 5, // seconds of unmeasured load before each page measurement
  connections: 50,
  beacons: 20_000, // view beacons sent to each view server
  'beacon-connections': 50,
  slug: 'pmo-career-path-five-issues-connection-a-pmo',
  server: 'quire', // `quire` (server/server.mjs, what `npm start` runs, with the microcache) or `next` (next start)
  gzip: false,
  build: true,
  'keep-db': false,
  trials: 20, // publish → visible trials
  'poll-ms': 10, // how often the readers poll while waiting for a publish to show
  posts: 10, // scheduled posts published at one moment (the scheduled part)
  only: 'page,js,views,comments,signedin,publish,autosave,memory',
  'memory-seconds': 30, // the memory part's mixed load
  'lighthouse-runs': 5, // the lighthouse part: runs per page, the median run reported
  cluster: false, // instead of the parts: one instance against two behind HAProxy (bench/lib/cluster.mjs)
  'visibility-wait': 5000, // ms a cross-instance visibility trial waits before it counts as not visible
  scale: false, // instead of the parts: the seeded site and the large site side by side (bench/lib/scale.mjs)
  'scale-db': '', // with --scale: a database already holding the large site (npm run seed:large); else one is written
  'cpu-prof-dir': '', // when set, the app server runs with node --cpu-prof and writes its profile there on exit
};

// `scheduled` (bench/scheduled-publish.mjs) and `lighthouse` run only when named: --only scheduled,lighthouse.
const PARTS = ['page', 'js', 'views', 'comments', 'signedin', 'publish', 'autosave', 'memory', 'scheduled', 'lighthouse'];

const USAGE = `Usage: npm run bench -- [flags]
  --duration <s>            measured seconds per page server (default ${DEFAULTS.duration})
  --rounds <n>              alternating app/baseline rounds the duration and beacons are split into (default ${DEFAULTS.rounds})
  --warmup <s>              warm-up seconds before each page run (default ${DEFAULTS.warmup})
  --connections <n>         autocannon connections for the page (default ${DEFAULTS.connections})
  --beacons <n>             view beacons per view server (default ${DEFAULTS.beacons})
  --beacon-connections <n>  concurrent beacons in flight (default ${DEFAULTS['beacon-connections']})
  --slug <slug>             post to load (default the seed article)
  --server quire|next       the app's production server with its microcache (default; what npm start runs) or next start
  --gzip                    send Accept-Encoding: gzip on page requests (both servers)
  --no-build                reuse .next when .next/BUILD_ID exists
  --keep-db                 do not drop the bench database at the end
  --trials <n>              publish → visible trials (default ${DEFAULTS.trials})
  --poll-ms <ms>            readers poll a page this often while waiting for a change (default ${DEFAULTS['poll-ms']})
  --posts <n>               scheduled part: posts scheduled for one moment (default ${DEFAULTS.posts})
  --memory-seconds <s>      the memory part's mixed load, on its own fresh server (default ${DEFAULTS['memory-seconds']})
  --lighthouse-runs <n>     the lighthouse part's runs per page; the median run is reported (default ${DEFAULTS['lighthouse-runs']})
  --only ${PARTS.join(',')}  run only these parts (default all but scheduled and lighthouse)
  --cluster                 instead: one instance vs two behind HAProxy and PgBouncer (page, comment writes,
                            cross-instance visibility; uses REDIS_URL when set); --trials and --poll-ms apply
  --lighthouse-cpu <n>|calibrated  the lighthouse part's CPU slowdown (default 4, Lighthouse's); calibrated: from
                            the host's BenchmarkIndex by Lighthouse's own calibration (docs/throttling.md)
  --lighthouse-throttling simulate|devtools  the lighthouse part's throttling method (default simulate, Lighthouse's
                            and PageSpeed's; devtools: the network and CPU really slowed while the page loads)
  --no-lighthouse-baselines  the lighthouse part without its baselines (each page's bytes from memory, and HTML
                            and CSS only, run alternately with the app: three times the runs)
  --load-tool wrk|autocannon  the page, comments (a) and signed-in parts' load tool (default wrk when installed, else autocannon: wrk costs
                            the shared cores far less for large pages; apt-get install wrk)
  --cpu-prof-dir <dir>      run the app server under node --cpu-prof, profile written to <dir> when it stops
  --visibility-wait <ms>    with --cluster, how long a trial waits for the comment on the other instance (default ${DEFAULTS['visibility-wait']})
  --scale                   instead: the seeded site and a large one (100,000 posts, 1,000,000 comments, 10,000,000
                            view events) side by side, cold and warm p50/p95 of search, posts, the most-commented
                            post, deep /blog pages, the sitemap and admin stats; then the signed-in/anonymous
                            ratio (seeded site) and the mixed load's peak memory on both sites
  --scale-db <url>          with --scale, a database already holding the large site (npm run seed:large): reused,
                            never dropped; without it the bench writes one (minutes) and drops it`;

export function parseFlags(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      beacons: { type: 'string' },
      'beacon-connections': { type: 'string' },
      slug: { type: 'string' },
      server: { type: 'string' },
      gzip: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'keep-db': { type: 'boolean' },
      trials: { type: 'string' },
      'poll-ms': { type: 'string' },
      posts: { type: 'string' },
      only: { type: 'string' },
      cluster: { type: 'boolean' },
      'visibility-wait': { type: 'string' },
      'memory-seconds': { type: 'string' },
      'lighthouse-runs': { type: 'string' },
      scale: { type: 'boolean' },
      'scale-db': { type: 'string' },
      'cpu-prof-dir': { type: 'string' },
      'load-tool': { type: 'string' },
      'lighthouse-cpu': { type: 'string' },
      'lighthouse-throttling': { type: 'string' },
      'no-lighthouse-baselines': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name) => {
    const n = Number(values[name] ?? DEFAULTS[name]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number\n${USAGE}`);
    return n;
  };
  const server = values.server ?? DEFAULTS.server;
  if (!['next', 'quire'].includes(server)) throw new Error(`--server must be next or quire\n${USAGE}`);
  const lighthouseCpu = values['lighthouse-cpu'] ?? '4';
  if (lighthouseCpu !== 'calibrated' && !(Number(lighthouseCpu) >= 1)) throw new Error(`--lighthouse-cpu must be a multiplier ≥ 1 or "calibrated"\n${USAGE}`);
  const lighthouseThrottling = values['lighthouse-throttling'] ?? 'simulate';
  if (!['simulate', 'devtools'].includes(lighthouseThrottling)) throw new Error(`--lighthouse-throttling must be simulate or devtools\n${USAGE}`);
  const loadTool = values['load-tool'] ?? 'wrk';
  if (!['wrk', 'autocannon'].includes(loadTool)) throw new Error(`--load-tool must be wrk or autocannon\n${USAGE}`);
  const only = new Set((values.only ?? DEFAULTS.only).split(',').map((s) => s.trim()));
  for (const part of only) if (!PARTS.includes(part)) throw new Error(`--only: unknown part "${part}"\n${USAGE}`);
  return {
    duration: positive('duration'),
    warmup: Number(values.warmup ?? DEFAULTS.warmup),
    rounds: Math.round(positive('rounds')),
    connections: Math.round(positive('connections')),
    beacons: Math.round(positive('beacons')),
    beaconConnections: Math.round(positive('beacon-connections')),
    slug: values.slug ?? DEFAULTS.slug,
    server,
    gzip: values.gzip ?? DEFAULTS.gzip,
    build: !values['no-build'],
    keepDb: values['keep-db'] ?? DEFAULTS['keep-db'],
    trials: Math.round(positive('trials')),
    pollMs: positive('poll-ms'),
    posts: Math.round(positive('posts')),
    only,
    cluster: values.cluster ?? DEFAULTS.cluster,
    visibilityWaitMs: positive('visibility-wait'),
    memorySeconds: positive('memory-seconds'),
    lighthouseRuns: positive('lighthouse-runs'),
    scale: values.scale ?? DEFAULTS.scale,
    scaleDb: values['scale-db'] || DEFAULTS['scale-db'] || null,
    cpuProfDir: values['cpu-prof-dir'] ?? DEFAULTS['cpu-prof-dir'],
    loadTool,
    lighthouseCpu,
    lighthouseThrottling,
    lighthouseBaselines: !values['no-lighthouse-baselines'],
  };
}
