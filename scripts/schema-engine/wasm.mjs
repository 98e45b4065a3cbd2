// Loads @prisma/schema-engine-wasm. Its entry point imports the .wasm file as an ES module,
// which Node 20 only allows behind --experimental-wasm-modules, so we instantiate it by hand
// the way that entry point would.
import { readFile } from 'node:fs/promises';

// The engine's panic hook reports the panic message here before the wasm call traps with a bare
// RuntimeError ("unreachable"); the Prisma CLI installs the same registry for its own wasm.
const panics = { message: '', set_message(message) { this.message = message; } };
globalThis.PRISMA_WASM_PANIC_REGISTRY = panics;

/** The message of the last engine panic, if any. */
export const lastPanicMessage = () => panics.message;

export async function loadSchemaEngineWasm() {
  const bindingsUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import(bindingsUrl);
  const bytes = await readFile(new URL('schema_engine_bg.wasm', bindingsUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings; // { SchemaEngine, version }
}
