#!/usr/bin/env node
// `npm run export -- [--out <file>] [--with-password-hashes] [--format quire|wxr]`: the whole
// site of DATABASE_URL (environment or .env) as one Quire archive, or its posts, terms,
// authors and comments as WordPress WXR. See README, "Moving out / backups". The work is
// TypeScript shared with the site (lib/export, lib/dal), so this starts node again with tsx
// and the server condition the data layer needs (scripts/lib/cli.mjs runServerScript).
import { runServerScript } from './lib/cli.mjs';

runServerScript('export-run.ts');
