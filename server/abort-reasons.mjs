// @ts-check
// A memory leak of Next on Node 20, and where it is cut. React's RSC renderer ends every
// render with `cacheController.abort(new Error('This render completed successfully…'))`.
// V8 keeps an Error's stack as structured frames until its `stack` is first read, and each
// frame holds its call's receiver: for work scheduled with setImmediate, the Immediate. A
// finished Immediate keeps its links to the others of its batch (Node 20's processImmediate
// does not clear `_idlePrev`/`_idleNext`) and, through AsyncLocalStorage (Node 20 stores the
// context on every async resource), the whole request each was scheduled for: its
// ServerResponse, its RSC request, whose abort reason holds the Immediates of another batch,
// and so on. A single root (a pooled database socket keeps the context of the request that
// opened it) then held every request rendered under concurrent load: under the memory
// bench's mixed load the live heap grew from ~130 MB to the 256 MB limit in 30 s and stayed
// there once the load had ended, 646 requests still held (bench/README.md). Reading `stack`
// as a controller is aborted turns the frames into a string, so the Error holds no Immediate.

const INSTALLED = Symbol.for('quire.abort-reason-stacks');

/**
 * Makes `AbortController.prototype.abort` read its reason's `stack` first (once per
 * process; later calls do nothing). The production server calls it before the first render.
 */
export function formatAbortReasonStacks() {
  const proto = AbortController.prototype;
  const marked = /** @type {Record<symbol, boolean>} */ (/** @type {unknown} */ (proto));
  if (marked[INSTALLED]) return;
  const abort = proto.abort;
  Object.defineProperty(proto, 'abort', {
    /** @this {AbortController} @param {unknown} [reason] */
    value: function abortWithFormattedReason(reason) {
      if (reason instanceof Error) void reason.stack;
      return abort.call(this, reason);
    },
    writable: true,
    configurable: true,
  });
  marked[INSTALLED] = true;
}
