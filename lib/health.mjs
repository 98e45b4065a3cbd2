// @ts-check
// GET /api/health for load balancers and orchestrators: 200 when this instance can serve
// (every dependency answers within a second), 503 when one does not or while the instance
// is shutting down. A `degradable` dependency (Redis: the site works uncached without it)
// that fails makes the status "degraded", still 200, so the instance stays in the balancer. It names each check's state and nothing else: no versions, no
// addresses, no error text (those go to the log). Never cached.

export const HEALTH_PATH = '/api/health';
const CHECK_TIMEOUT_MS = 1000;

/** @typedef {Record<string, () => Promise<unknown>>} HealthChecks */

/**
 * @param {() => Promise<unknown>} check
 * @returns {Promise<'ok' | 'failing'>}
 */
async function run(check) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @param {{ checks: HealthChecks, degradable?: HealthChecks, stopping: () => boolean, log?: (line: string) => void }} options
 */
export function createHealth({ checks, degradable = {}, stopping, log = console.error }) {
  /** @returns {Promise<{ status: number, body: { status: 'ok' | 'degraded' | 'failing' | 'stopping', checks: Record<string, string> } }>} */
  async function report() {
    /** @type {Record<string, string>} */
    const results = {};
    await Promise.all(
      Object.entries({ ...checks, ...degradable }).map(async ([name, check]) => {
        results[name] = await run(check).catch((error) => {
          log(`health: ${name}: ${error instanceof Error ? error.message : String(error)}`);
          return 'failing';
        });
      }),
    );
    if (stopping()) return { status: 503, body: { status: 'stopping', checks: results } };
    const ok = Object.keys(checks).every((name) => results[name] === 'ok');
    if (!ok) return { status: 503, body: { status: 'failing', checks: results } };
    const whole = Object.keys(degradable).every((name) => results[name] === 'ok');
    return { status: 200, body: { status: whole ? 'ok' : 'degraded', checks: results } };
  }

  /**
   * Answers GET and HEAD /api/health.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"error":"Use GET."}\n');
      return;
    }
    const { status, body } = await report();
    const json = `${JSON.stringify(body)}\n`;
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
    res.end(req.method === 'HEAD' ? undefined : json);
  }

  return { handle, report };
}
