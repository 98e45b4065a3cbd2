// Runs in the browser before the app's own modules (and before hydration). zod builds each
// object schema with a `new Function` fast path when it may; to learn whether it may, it
// probes `new Function('')` once, which a strict Content-Security-Policy (no 'unsafe-eval',
// lib/csp.mjs) refuses and reports as a violation even though zod catches the throw.
// jitless skips the probe: the browser parses our small forms with zod's plain parser.
// Must run before the first schema is built, hence here and not in lib/validations.
import { config } from 'zod';

config({ jitless: true });
