#!/usr/bin/env node
// `npm run import -- <file or folder> [--dry-run] [--pages-as-drafts] [--source <name>] [--no-refresh] [--verbose]`: moves a
// blog to Quire from WordPress (WXR), Ghost (JSON), Jekyll or Hugo (Markdown) and Disqus
// (XML) exports, into the database of DATABASE_URL (environment or .env). See README,
// "Moving to Quire". The work is TypeScript shared with the site (lib/import, lib/dal), so
// this starts node again with tsx and the server condition the data layer needs.
import { runServerScript } from './lib/cli.mjs';

runServerScript('import-run.ts');
