import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';
import { formatAbortReasonStacks } from '../../server/abort-reasons.mjs';

// The production server's cut of a Node 20 leak (server/abort-reasons.mjs): an Error made
// in an Immediate's callback and kept as an AbortSignal's reason must not hold the requests
// whose Immediates ran in the same batch.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const requests = new AsyncLocalStorage<object>();

/** One batch of two Immediates: the first scheduled in a request's context, the second aborts `controller` with an Error made there. */
function abortInBatch(controller: AbortController): Promise<WeakRef<object>> {
  return new Promise((resolve) => {
    let request: object | null = { body: Buffer.alloc(64 * 1024) };
    const weak = new WeakRef(request);
    requests.run(request, () => setImmediate(function work() {}));
    request = null;
    setImmediate(function finish() {
      controller.abort(new Error('This render completed successfully.'));
      resolve(weak);
    });
  });
}

async function collect() {
  for (let k = 0; k < 3; k += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

test('an abort reason kept after the render does not keep the requests of its batch', async () => {
  formatAbortReasonStacks();
  const controller = new AbortController();
  const weak = await abortInBatch(controller);
  await collect();
  assert.equal(weak.deref(), undefined, 'the request scheduled in the same batch is still held');
  // The controller and its reason are still alive here: only the frames are gone.
  assert.ok(controller.signal.aborted);
  assert.match((controller.signal.reason as Error).stack ?? '', /This render completed successfully[\s\S]*finish/);
});

test('abort still passes its reason on, and the change is made once', () => {
  formatAbortReasonStacks();
  const patched = AbortController.prototype.abort;
  formatAbortReasonStacks();
  assert.equal(AbortController.prototype.abort, patched);
  const controller = new AbortController();
  const reason = new Error('stop');
  controller.abort(reason);
  assert.equal(controller.signal.reason, reason);
  const other = new AbortController();
  other.abort('not an error');
  assert.equal(other.signal.reason, 'not an error');
  const plain = new AbortController();
  plain.abort();
  assert.equal((plain.signal.reason as DOMException).name, 'AbortError');
});
