// @ts-check
// The Redis side of the shared cache: cache entries (binary, with a TTL), the hash of tag
// invalidation times, and the pub/sub channel that tells every instance a tag changed.
// It never waits for Redis: commands time out after `commandTimeoutMs`, nothing is queued
// while the connection is down (disableOfflineQueue), and callers treat every error as
// "unknown", which for a cache means a miss. The client reconnects by itself.
import { createRequire } from 'node:module';
import { createTagTimes } from './tag-times.mjs';

// The Redis client is loaded when a store is made, not with this file: without REDIS_URL the
// site never connects, and the client with its command modules (~650 modules, ~4 MB of heap)
// would sit in the server's memory for nothing.
const require = createRequire(import.meta.url);

/**
 * @typedef {object} SharedStore
 * @property {() => boolean} isReady both connections are up (commands and invalidation messages)
 * @property {(key: string) => Promise<Buffer | null>} getEntry
 * @property {(key: string, value: Buffer, ttlSeconds: number) => Promise<void>} setEntry
 * @property {(tags: readonly string[], options?: { fresh?: boolean }) => Promise<number>} latestInvalidation newest invalidation time (ms) of any of the tags, 0 if none
 * @property {(tags: readonly string[]) => Promise<void>} invalidate records the tags as invalidated now and tells every
 *   instance; when Redis fails it rejects and the tags are recorded on reconnect
 * @property {(listener: (tags: string[]) => void) => () => void} onInvalidate called for every invalidation, this instance's included
 * @property {() => Promise<void>} ping
 * @property {() => Promise<void>} close
 */

/** Reconnect after 50 ms, doubling up to 2 s: a restarted Redis is used again within ~2 s. @param {number} retries */
const reconnectStrategy = (retries) => Math.min(50 * 2 ** retries, 2000);

/**
 * @param {{ url: string, prefix: string, commandTimeoutMs?: number, log?: (line: string) => void }} options
 * @returns {SharedStore}
 */
export function createRedisStore({ url, prefix, commandTimeoutMs = 300, log = console.error }) {
  /** @type {typeof import('redis')} */
  const { createClient, RESP_TYPES } = require('redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: { connectTimeout: 1000, reconnectStrategy },
  });
  const binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  // Subscribed connections cannot run other commands: a second connection for messages.
  const subscriber = client.duplicate();
  const tagsKey = `${prefix}tags`;
  const channel = `${prefix}invalidations`;
  /** @type {Set<(tags: string[]) => void>} */
  const listeners = new Set();
  // Invalidations Redis did not take (it was down): recorded as soon as it is back, so
  // entries stored before the outage are not served again when Redis returns.
  /** @type {Set<string>} */
  const pending = new Set();
  const tagTimes = createTagTimes({ read: async (tags) => (await client.hmGet(tagsKey, [...tags])).map((value) => Number(value ?? 0)) });

  // One line when a connection breaks and one when it is back, not one per retry.
  /** @param {string} name @param {{ on(event: string, listener: (...args: any[]) => void): unknown }} connection */
  function watch(name, connection) {
    let down = false;
    connection.on('error', (/** @type {Error} */ error) => {
      if (!down) log(`shared cache: redis ${name} connection lost (${error.message}); serving uncached until it is back`);
      down = true;
      // A message may be missed while the subscription is down: forget what was read.
      tagTimes.clear();
    });
    connection.on('ready', () => {
      if (down) log(`shared cache: redis ${name} connection is back`);
      down = false;
      tagTimes.clear();
    });
  }
  watch('command', client);
  client.on('ready', () => {
    if (pending.size === 0) return;
    const tags = [...pending];
    pending.clear();
    invalidate(tags).catch((/** @type {Error} */ error) => log(`shared cache: recording invalidations after reconnect failed: ${error.message}`));
  });
  watch('subscriber', subscriber);

  /** @param {string} message */
  function deliver(message) {
    let tags;
    try {
      tags = JSON.parse(message);
    } catch {
      return;
    }
    if (!Array.isArray(tags)) return;
    const names = tags.filter((tag) => typeof tag === 'string');
    tagTimes.forget(names);
    for (const listener of listeners) listener(names);
  }

  // connect() stays pending while Redis is unreachable (the client keeps retrying); every
  // call checks isReady instead of waiting for it.
  client.connect().catch((/** @type {Error} */ error) => log(`shared cache: redis connect failed: ${error.message}`));
  subscriber
    .connect()
    .then(() => subscriber.subscribe(channel, deliver))
    .catch((/** @type {Error} */ error) => log(`shared cache: redis subscribe failed: ${error.message}`));

  /** @param {readonly string[]} tags */
  async function invalidate(tags) {
    if (tags.length === 0) return;
    try {
      ensureReady();
      const now = String(Date.now());
      await client.hSet(tagsKey, Object.fromEntries(tags.map((tag) => [tag, now])));
      tagTimes.forget(tags);
      await client.publish(channel, JSON.stringify(tags));
    } catch (error) {
      for (const tag of tags) pending.add(tag);
      throw error;
    }
  }

  const isReady = () => client.isReady && subscriber.isReady;

  function ensureReady() {
    if (!client.isReady) throw new Error('redis is not connected');
  }

  return {
    isReady,
    async getEntry(key) {
      ensureReady();
      return binary.get(`${prefix}${key}`);
    },
    async setEntry(key, value, ttlSeconds) {
      ensureReady();
      const ttl = Math.max(1, Math.ceil(Number.isFinite(ttlSeconds) ? ttlSeconds : 86400 * 365));
      await client.set(`${prefix}${key}`, value, { expiration: { type: 'EX', value: ttl } });
    },
    async latestInvalidation(tags, { fresh = false } = {}) {
      ensureReady();
      // Remembered times are only trusted while the subscription can tell us they changed.
      return tagTimes.latest(tags, { fresh: fresh || !subscriber.isReady });
    },
    invalidate,
    onInvalidate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      ensureReady();
      if (!subscriber.isReady) throw new Error('redis subscriber is not connected');
      await client.ping();
    },
    async close() {
      listeners.clear();
      // destroy(), not close(): nothing here needs flushing, and it also stops a reconnect loop.
      for (const connection of [client, subscriber]) if (connection.isOpen) connection.destroy();
    },
  };
}
