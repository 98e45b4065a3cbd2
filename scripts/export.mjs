#!/usr/bin/env node
// `npm run export -- [--out <file>] [--with-password-hashes] [--format quire|wxr]`: the whole
// site of DATABASE_URL (environment or .env) as one Quire archive, or its posts, terms,
// authors and comments as WordPress WXR. See README, "Moving out / backups". The work is
// TypeScript shared with the site (lib/export, lib/dal), so this starts node again with tsx
// and the server condition the data layer needs, as scripts/import.mjs does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadEnv, root } from './lib/cli.mjs';

loadEnv();
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts', 'lib', 'export-run.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
