// @ts-check
// A graceful stop on SIGTERM (or Ctrl-C): from the first moment the health check answers
// 503, so a balancer stops sending new work; the server stops accepting connections and
// closes idle keep-alive ones; requests in flight finish, and then the background work
// (the job worker, pools) stops. Whatever is still running after `graceMs` is cut
// off and the process exits anyway, so an orchestrator's kill never has to wait for us.

/**
 * @param {{
 *   server: import('node:http').Server,
 *   graceMs?: number,
 *   log?: (line: string) => void,
 *   exit?: (code: number) => void,
 * }} options
 */
export function createShutdown({ server, graceMs = 10_000, log = console.error, exit = (code) => process.exit(code) }) {
  let stopping = false;
  /** @type {Array<() => unknown>} */
  const atOnce = [];
  /** @type {Array<() => unknown>} */
  const afterRequests = [];

  /** Every response once stopping asks the client to close its keep-alive connection. */
  server.on('request', (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader('connection', 'close');
  });

  // server.close() closes the connections idle at that moment; one whose request was in
  // flight turns idle only when its answer is sent, and would then wait for the keep-alive
  // timeout (5 s). Closing idle connections again every 100 ms ends each one as it frees up.
  function closeServer() {
    return /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      })
    );
  }

  /** @param {() => unknown} task */
  async function settle(task) {
    try {
      await task();
    } catch (error) {
      log(`shutdown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** @param {string} reason */
  async function begin(reason) {
    if (stopping) return;
    stopping = true;
    log(`shutdown: ${reason}: finishing requests in flight (at most ${graceMs / 1000} s)`);
    const deadline = setTimeout(() => {
      log('shutdown: grace period over; closing what is left');
      server.closeAllConnections();
      exit(1);
    }, graceMs);
    deadline.unref();
    await Promise.all([closeServer(), ...atOnce.map(settle)]);
    for (const task of afterRequests) await settle(task);
    clearTimeout(deadline);
    exit(0);
  }

  return {
    begin,
    stopping: () => stopping,
    /** Background work to stop taking new work at once (and finish what it runs) while requests finish. @param {() => unknown} task */
    atOnce: (task) => void atOnce.push(task),
    /** What requests still need until they finish (pools), closed after the last one, in order. @param {() => unknown} task */
    afterRequests: (task) => void afterRequests.push(task),
  };
}
