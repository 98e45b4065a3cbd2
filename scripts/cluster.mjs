#!/usr/bin/env node
// @ts-check
// `node scripts/cluster.mjs`: the several-instance topology on this machine, as local
// processes (scripts/lib/cluster.mjs): PgBouncer in transaction mode, two production
// servers, HAProxy. DATABASE_URL names the (migrated) database on PostgreSQL itself; the
// current `next build` is served; every other variable passes through to the servers.
// When ready it prints one JSON line: {"url", "instances": [{"name", "origin", "pid"}]}.
// It stops everything on SIGINT or SIGTERM, and when its stdin closes (the parent that
// started it is gone). e2e/cluster.spec.ts runs it this way: Playwright cannot load these
// ES modules in its own process.
import { startCluster } from './lib/cluster.mjs';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('error: DATABASE_URL is not set (the database on PostgreSQL itself, migrated)');
  process.exit(2);
}
const cluster = await startCluster({ databaseUrl, say: (line) => console.error(`cluster: ${line}`) });
console.log(JSON.stringify({ url: cluster.url, instances: cluster.instances.map(({ name, origin, pid }) => ({ name, origin, pid })) }));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  process.exit(0);
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
