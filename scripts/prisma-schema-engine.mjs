#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it.
// scripts/prisma.mjs points PRISMA_SCHEMA_ENGINE_BINARY here. The Prisma CLI spawns us as
//   prisma-schema-engine.mjs [--datamodels <file>]… [--datasource <json>] [cli <command>]
// and talks JSON-RPC 2.0 over stdio, one JSON object per line. Each call is forwarded to the
// official WebAssembly build of the engine (@prisma/schema-engine-wasm), which reaches Postgres
// through @prisma/adapter-pg. Logs go to stderr as JSON lines, as the native engine writes them.
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { adapterFactory, dropLeftoverShadowDbs } from './schema-engine/adapter.mjs';
import { canConnect, createDatabase, withErrorCode } from './schema-engine/server.mjs';
import { lastPanicMessage, loadSchemaEngineWasm } from './schema-engine/wasm.mjs';

function parseArgs(argv) {
  const opts = { datamodels: [], datasource: {}, command: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') opts.datamodels.push(argv[++i]);
    else if (arg === '--datasource') opts.datasource = JSON.parse(argv[++i]);
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++; // unused by Postgres
    else if (arg === 'cli') opts.command = argv[++i];
    else if (arg === '--version' || arg === '-V') opts.command = 'version';
  }
  return opts;
}

// The CLI reads these stderr lines: it keeps `fields.message`, and an ERROR line becomes the
// error it reports if we exit abnormally.
function log(level, message, extra = {}) {
  process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine::logger', fields: { message, ...extra } })}\n`);
}

// `schema-engine cli <command>`: one-shot commands the CLI runs before `migrate dev` and
// friends. Success is exit code 0; on failure the CLI parses the ERROR line for the error code
// (it skips the first stderr line, hence the INFO line first).
async function runCliCommand(command, url) {
  log('INFO', `schema-engine (wasm stand-in) cli ${command}`);
  let failure;
  if (command === 'version') {
    const { version } = await loadSchemaEngineWasm();
    process.stdout.write(`schema-engine-wasm ${version()}\n`);
    return 0;
  } else if (command === 'can-connect-to-database') failure = await canConnect(url);
  else if (command === 'create-database') failure = await createDatabase(url).then(() => null, (e) => e);
  else failure = { code: undefined, message: `Unsupported command: cli ${command}` };
  if (!failure) return 0;
  log('ERROR', failure.message, { error_code: failure.code });
  return 1;
}

// A JSON-RPC error the CLI turns into a readable message (`data.message`, `data.error_code`).
function rpcError(id, error) {
  const isPanic = error instanceof WebAssembly.RuntimeError;
  const message = (isPanic && lastPanicMessage()) || String(error?.message ?? error).trim();
  const data = { is_panic: isPanic, message, error_code: error?.code, meta: error?.meta ?? null };
  if (isPanic) data.error = { message };
  return { jsonrpc: '2.0', id, error: { code: 4466, message: 'An error happened. Check the data field for details.', data } };
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function runRpcServer({ datamodels, datasource }) {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  // No datamodels must be `undefined`: an empty list makes later calls panic.
  const engineOptions = { datamodels: datamodels.length ? datamodels.map((file) => [file, readFileSync(file, 'utf8')]) : undefined };
  // A failed start (database unreachable …) is answered to each request, so the CLI shows it.
  const engine = await SchemaEngine.new(engineOptions, (line) => process.stderr.write(`${line}\n`), adapterFactory(datasource)).catch(
    (error) => withErrorCode(error),
  );

  const pendingPrints = new Map();
  let printId = 0;
  // The native engine prints `migrate diff` output by asking the CLI to print it (a request
  // from engine to CLI); the CLI does not print DiffResult.stdout itself.
  const print = (content) =>
    new Promise((resolve) => {
      const id = `print-${++printId}`;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  // Methods the wasm engine lacks or names differently.
  const extra = {
    getDatabaseVersion: (params) => engine.version(params),
    createDatabase: async ({ datasource: ds }) => {
      const url = ds?.tag === 'ConnectionString' ? ds.url : datasource.url;
      return { databaseName: await createDatabase(url) };
    },
    diff: async (params) => {
      const result = await engine.diff(params);
      if (result.stdout) await print(result.stdout);
      return { exitCode: result.exitCode };
    },
    debugPanic: () => engine.debugPanic(),
    evaluateDataLoss: async (params) => (await warmMigrationsSchema(params), engine.evaluateDataLoss(params)),
    createMigration: async (params) => (await warmMigrationsSchema(params), engine.createMigration(params)),
  };

  // evaluateDataLoss and createMigration need the schema the migrations produce. The wasm engine
  // only builds it on the shadow database (our adapter's connectToShadowDb) inside
  // diagnoseMigrationHistory / devDiagnostic, and caches it; on a cache miss it fails with
  // "PostgreSQL shadow DB must be provided through an external factory". `migrate dev` misses
  // whenever it has just applied a pending migration, so fill the cache first.
  async function warmMigrationsSchema({ migrationsList, filters }) {
    await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
  }

  const call = async (method, params) => {
    if (engine instanceof Error) throw engine;
    if (extra[method]) return extra[method](params);
    if (typeof SchemaEngine.prototype[method] !== 'function' || method === 'free') {
      throw new Error(`The schema engine (wasm stand-in) does not support the method \`${method}\`.`);
    }
    return engine[method](params);
  };

  // We must never exit on our own while the CLI waits: it then exits 0 and prints nothing.
  // So a crash (a wasm panic often surfaces as an uncaught exception, not as a rejection) is
  // answered as an error to the request in flight and to every later one; we exit when the
  // CLI closes our stdin.
  let inFlight = null;
  let crashed = null;
  const onCrash = (error) => {
    crashed ??= error;
    log('ERROR', String(error?.stack ?? error));
    if (inFlight !== null) send(rpcError(inFlight, error));
    inFlight = null;
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  // The CLI sends one request at a time; run them in order all the same.
  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (!message.method) {
      pendingPrints.get(message.id)?.(); // the CLI's answer to a print request
      pendingPrints.delete(message.id);
      return;
    }
    if (crashed) return send(rpcError(message.id, crashed));
    queue = queue.then(async () => {
      if (crashed) return send(rpcError(message.id, crashed));
      inFlight = message.id;
      let reply;
      try {
        reply = { jsonrpc: '2.0', id: message.id, result: (await call(message.method, message.params ?? {})) ?? {} };
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) crashed ??= error; // the instance is unusable now
        reply = rpcError(message.id, withErrorCode(error));
      }
      if (inFlight === message.id) send(reply); // unless onCrash already answered it
      inFlight = null;
    });
  });
  // The CLI ends stdin when it is done with us. After a crash the queue may never settle.
  input.on('close', () => (crashed ? shutdown(101) : queue.then(() => shutdown(0))));

  async function shutdown(code) {
    await dropLeftoverShadowDbs(datasource.url);
    process.exit(code);
  }
}

const opts = parseArgs(process.argv.slice(2));
if (opts.command) process.exit(await runCliCommand(opts.command, opts.datasource.url));
await runRpcServer(opts);
