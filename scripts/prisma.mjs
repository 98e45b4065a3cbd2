#!/usr/bin/env node
// Runs the Prisma CLI offline-safe: where the native schema engine could not be
// downloaded at install, point the CLI at our stand-in over the WebAssembly engine.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function nativeEngineExists() {
  const dir = path.join(root, 'node_modules', '@prisma', 'engines');
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((f) => f.startsWith('schema-engine'));
}

export function prismaEnv(base = process.env) {
  const env = { ...base, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeEngineExists()) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, 'scripts', 'prisma-schema-engine.mjs');
  }
  return env;
}

export function runPrisma(args, { env = process.env, stdio = 'inherit' } = {}) {
  const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, env: prismaEnv(env), stdio, encoding: 'utf8' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = runPrisma(process.argv.slice(2));
  process.exit(result.status ?? 1);
}
