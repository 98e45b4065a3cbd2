import pLimit from 'p-limit';

// Bounded slots for expensive work (password hashing: argon2id takes 19 MiB and ~0.1 s of a
// core each). At most `concurrency` run at once; up to `queue` more wait, each at most
// `waitMs`; anything beyond is refused at once with BusyError, as is a waiter whose time
// ran out. Without the bound, a burst of sign-in attempts from many addresses (each under
// its rate limit) would start every hash at once: memory grows with the burst, and libuv's
// thread pool (file reads, compression) queues behind it.
//
// p-limit runs the work; it has no bounded wait, so a waiter that gives up stays in its
// queue as a cancelled entry that does nothing when its turn comes.

export class BusyError extends Error {
  constructor(readonly retryAfterS: number) {
    super(`Busy: try again in ${retryAfterS} s`);
    this.name = 'BusyError';
  }
}

export type SlotOptions = { concurrency: number; queue: number; waitMs: number };

export type Slots = {
  run<T>(work: () => Promise<T>): Promise<T>;
  stats(): { active: number; waiting: number; refused: number };
};

export function createSlots({ concurrency, queue, waitMs }: SlotOptions): Slots {
  const limit = pLimit(concurrency);
  const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
  let waiting = 0;
  let refused = 0;

  const refuse = () => {
    refused++;
    return new BusyError(retryAfterS);
  };

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      if (limit.activeCount >= concurrency && waiting >= queue) return Promise.reject(refuse());
      waiting++;
      return new Promise<T>((resolve, reject) => {
        let state: 'waiting' | 'running' | 'gone' = 'waiting';
        const timer = setTimeout(() => {
          if (state !== 'waiting') return;
          state = 'gone';
          waiting--;
          reject(refuse());
        }, waitMs);
        void limit(async () => {
          if (state !== 'waiting') return;
          state = 'running';
          waiting--;
          clearTimeout(timer);
          try {
            resolve(await work());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
    stats: () => ({ active: limit.activeCount, waiting, refused }),
  };
}
