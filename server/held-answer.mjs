// @ts-check
// Holding a Node answer until it ends, for the layers that must see (or replace) a whole body
// before its head goes out: the Content-Security-Policy (./csp.mjs) and the not-found page
// (./not-found.mjs). Once the status and content type are known, `hold` says whether this
// answer is held; if not, everything passes through untouched and streams as before. A held
// answer's head is moved into setHeader (so it can still change), its chunks kept or dropped,
// and at end `finish` gets the body and sends one, whole, with a Content-Length.

/** @typedef {import('node:http').ServerResponse} Response */

/**
 * A written chunk as a Buffer (a string in its encoding); null for anything else.
 * A Buffer is returned as it is, a Uint8Array copied.
 * @param {unknown} chunk @param {unknown} encoding
 * @returns {Buffer | null}
 */
export function chunkBuffer(chunk, encoding) {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return null;
}

/**
 * Wraps `res`'s writeHead, flushHeaders, write and end. The wrappers are never taken off:
 * layers added later wrap them in turn; once decided, they pass everything through.
 * @param {Response} res
 * @param {{
 *   hold: (res: Response) => boolean,
 *   keepBody: boolean,
 *   finish: (body: Buffer, send: (body: Buffer) => void) => void | Promise<void>,
 * }} options
 *   `hold`: asked once, when the head is known (status and headers on `res`).
 *   `keepBody`: whether the held chunks are kept for `finish` (else it gets an empty body).
 *   `finish`: may change `res`'s headers, then calls `send` once; `send` writes the head
 *   through the writeHead found when this was called (a compressing layer added later would
 *   otherwise announce an encoding the body may not have) and ends with the body: ./csp.mjs
 *   adds its compression before its hold, so what it sends is compressed on the way out.
 */
export function holdAnswer(res, { hold, keepBody, finish }) {
  // Node's overloaded signatures, taken as they come and passed on unchanged.
  /** @type {(...args: any[]) => any} */
  const writeHead = res.writeHead.bind(res);
  /** @type {(...args: any[]) => any} */
  const write = res.write.bind(res);
  /** @type {(...args: any[]) => any} */
  const end = res.end.bind(res);
  const flushHeaders = res.flushHeaders.bind(res);
  /** @type {'pass' | 'hold' | null} */
  let decided = null;
  let sending = false;
  /** @type {Buffer[]} */
  const chunks = [];
  // `passed`: known to pass, without deciding (the head may not be complete yet); `passes`: decides.
  const passed = () => sending || decided === 'pass';
  const passes = () => {
    decided ??= hold(res) ? 'hold' : 'pass';
    return passed();
  };

  res.writeHead = /** @type {Response['writeHead']} */ ((/** @type {number} */ status, /** @type {unknown[]} */ ...rest) => {
    if (passed()) return writeHead(status, ...rest);
    const headers = rest.find((arg) => arg && typeof arg === 'object');
    // A raw header list cannot be moved to setHeader: such an answer passes (Next does not send one for pages).
    if (decided === null && Array.isArray(headers)) decided = 'pass';
    if (decided === 'pass') return writeHead(status, ...rest);
    res.statusCode = status;
    const message = rest.find((arg) => typeof arg === 'string');
    if (typeof message === 'string') res.statusMessage = message;
    if (headers) for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, /** @type {any} */ (v));
    // The headers are on `res` now; only the status message is passed on.
    if (passes()) return writeHead(status, ...rest.filter((arg) => typeof arg === 'string'));
    return res;
  });
  res.flushHeaders = () => {
    if (passes()) flushHeaders();
  };
  res.write = /** @type {Response['write']} */ ((/** @type {unknown} */ chunk, /** @type {unknown[]} */ ...rest) => {
    if (passes()) return write(chunk, ...rest);
    if (keepBody) {
      const buffer = chunkBuffer(chunk, rest[0]);
      // Copied: a writer may reuse its buffer once write() returns.
      if (buffer) chunks.push(buffer === chunk ? Buffer.from(buffer) : buffer);
    }
    const callback = rest.find((arg) => typeof arg === 'function');
    if (callback) queueMicrotask(() => callback());
    return true;
  });
  res.end = /** @type {Response['end']} */ ((/** @type {unknown} */ chunk, /** @type {unknown[]} */ ...rest) => {
    if (passes()) return end(chunk, ...rest);
    const callback = typeof chunk === 'function' ? chunk : rest.find((arg) => typeof arg === 'function');
    if (keepBody) {
      const buffer = chunkBuffer(chunk, rest[0]);
      if (buffer) chunks.push(buffer);
    }
    /** @param {Buffer} body */
    const send = (body) => {
      if (sending) return;
      sending = true;
      res.removeHeader('transfer-encoding');
      res.setHeader('content-length', String(body.length));
      writeHead(res.statusCode);
      if (callback) end(body, callback);
      else end(body);
    };
    // A `finish` that fails leaves nothing to send: the connection is cut rather than left hanging.
    /** @param {unknown} error */
    const fail = (error) => {
      console.error('held answer:', error instanceof Error ? error.message : String(error));
      if (!sending) res.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    try {
      Promise.resolve(finish(Buffer.concat(chunks), send)).catch(fail);
    } catch (error) {
      fail(error);
    }
    return res;
  });
}
