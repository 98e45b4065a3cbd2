// The import direction, checked by `npm run lint` (dependency-cruiser; docs/architecture.md explains the layers):
//   app/ → lib/actions, route handlers → lib/<feature> services → lib/dal → lib/db.ts (→ lib/generated)
// with leaf helpers (SHARED below) importable from every layer, and server/*.mjs (the production server) beside it.
// There are no known exceptions: every rule holds for every module scanned, so the lint fails on any import that
// breaks one. Fix such an import by putting the code where it belongs (or, for a pure module that imports only
// shared helpers, by naming it in SHARED below), never by loosening a rule. (tests, e2e and bench are not
// scanned: they may reach any layer.)

/**
 * Leaf helpers every layer may import, the data layer included: they import nothing but each other and npm packages
 * (types from lib/dal excepted). Keeping them leaves is what makes them safe to import from below.
 */
const SHARED = [
  '^lib/(validations|i18n|stats)/',
  // lib/auth's leaves: the permission rules (pure functions of viewer and thing), password hashing and its
  // slots, the session cookie (reading and writing it), and the setup link's token and SQL text. The data layer
  // checks passwords and reads the session itself; the rest of lib/auth (sign-up, resets, next-auth) calls lib/dal.
  '^lib/auth/(permissions|password|session|work-slots)\\.ts$',
  '^lib/auth/(session-token|setup-link)\\.mjs$',
  // Features' pure shapes and formatters, which the data layer builds its answers with (the rest of each folder,
  // which calls lib/dal, stays above it): media limits and widths, the comment Markdown renderer and the deleted
  // account's name, the feed documents and their writing, the JSON API's shapes, the sitemap's types, the export
  // archive and WXR formats, the importers' shared shapes and reports, the view store (plain .mjs, shared with
  // server/) and the shared cache's settings (which lib/env.ts checks).
  '^lib/media/(limits\\.ts|responsive\\.ts|image-widths\\.json)$',
  '^lib/comments/(deleted-account|markdown|nesting)\\.ts$',
  '^lib/feeds/(documents|html|titles|types|urls|write)\\.ts$',
  '^lib/api/(paths|schemas|shape)\\.ts$',
  '^lib/sitemap/types\\.ts$',
  '^lib/export/(archive|tables|wxr)\\.ts$',
  '^lib/import/(comment-html|errors|excerpt|format-report|json-file|paths|report|run-report|types)\\.ts$',
  '^lib/views/(batcher|store|visitor)\\.mjs$',
  '^lib/shared-cache/config\\.mjs$',
  '^lib/(bad-path|build-database|cache-tags|cookie-names|env|excerpt|hardening|initials|json-stream|live-posts|markdown|markdown-limits|rate-limit|reading-time|site-url|slug)\\.(ts|mjs)$',
];
const SHARED_RE = `(${SHARED.join('|')})`;
const OUR_CODE = '^(app|components|lib|server|scripts)/|^(proxy|instrumentation)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles: a module must not import itself through others (type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-only-from-dal',
      severity: 'error',
      comment: 'The Prisma client (lib/db.ts) is used by the data layer only; everything else calls lib/dal.',
      from: { pathNot: '^lib/dal/' },
      to: { path: '^lib/db\\.ts$' },
    },
    {
      name: 'generated-client-only-below-dal',
      severity: 'error',
      comment: 'The generated Prisma client (models, Prisma types) is imported by lib/dal, lib/db.ts and lib/build-database.ts only.',
      from: { pathNot: '^lib/(dal/|db\\.ts$|build-database\\.ts$|generated/)' },
      to: { path: '^lib/generated/' },
    },
    {
      name: 'dal-imports-down-only',
      severity: 'error',
      comment:
        'lib/dal imports only lib/dal, lib/db.ts, lib/generated and the shared leaf helpers: never actions, services, ' +
        'components, pages, route handlers, the production server or scripts.',
      from: { path: '^lib/dal/' },
      to: { path: OUR_CODE, pathNot: `^lib/(dal/|db\\.ts$|generated/)|${SHARED_RE}` },
    },
    {
      name: 'shared-helpers-stay-leaves',
      severity: 'error',
      comment:
        'The shared leaf helpers import only each other (and types from lib/dal): they are imported from every layer, ' +
        'the data layer included, so anything more would make a circle between layers.',
      from: { path: SHARED_RE },
      to: { path: OUR_CODE, pathNot: SHARED_RE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'actions-only-from-ui',
      severity: 'error',
      comment: 'Server actions (lib/actions) are the top of lib: imported by pages and components only.',
      from: { pathNot: '^(app|components|lib/actions)/' },
      to: { path: '^lib/actions/' },
    },
    {
      name: 'nothing-imports-app',
      severity: 'error',
      comment: 'app/ holds the routes; Next loads them. Shared code lives in components/ or lib/.',
      from: { pathNot: '^app/' },
      to: { path: '^app/' },
    },
    {
      name: 'lib-never-imports-components',
      severity: 'error',
      comment: 'components/ render what lib/ returns; lib/ does not render React components.',
      from: { path: '^(lib|server)/' },
      to: { path: '^components/' },
    },
    {
      name: 'app-reaches-server-through-hooks',
      severity: 'error',
      comment:
        'The app and lib/ reach the production server only through server/hooks.mjs (globalThis hooks), since Next ' +
        'bundles them separately; scripts may import server modules (they start it).',
      from: { path: '^(app|components|lib)/|^(proxy|instrumentation)\\.ts$' },
      to: { path: '^server/', pathNot: '^server/hooks\\.mjs$' },
    },
    {
      name: 'server-imports-plain-modules',
      severity: 'error',
      comment:
        'server/*.mjs runs under plain Node (no bundler, no TypeScript): it may import .mjs modules only, ' +
        'never .ts/.tsx or the lib/dal layer.',
      from: { path: '^server/' },
      to: { path: '\\.(ts|tsx)$|^lib/dal/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|lib/generated)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // type-only imports count: a circle through a type is still a circle between modules.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json', '.d.ts'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
