// Each integration test file gets a database of its own, so files can run side by side.
// scripts/test.mjs migrates one template database and starts `node --test` with
// `--import ./tests/setup/own-database.mjs` and QUIRE_TEST_TEMPLATE set to that database's URL; in
// every test file's process (NODE_TEST_CONTEXT is set there, not in the runner) this module
// copies the template and points DATABASE_URL at the copy before any test code reads it.
// scripts/test.mjs drops the copies (named `<template>_f<pid>`) when the run ends.
import { copyDatabase } from '../../scripts/lib/copy-database.mjs';

const template = process.env.QUIRE_TEST_TEMPLATE;

if (template && process.env.NODE_TEST_CONTEXT) {
  const base = decodeURIComponent(new URL(template).pathname.slice(1));
  process.env.DATABASE_URL = await copyDatabase(template, `${base}_f${process.pid}`);
}
