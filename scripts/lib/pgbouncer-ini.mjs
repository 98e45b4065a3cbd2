// @ts-check
// deploy/pgbouncer.ini, made fit for a local run: the [databases] entries replaced and some
// [pgbouncer] settings overridden (addresses, ports, files, auth), the rest (pool mode and
// sizes) kept as checked in, so the cluster test runs what compose.yaml deploys. PgBouncer
// reads no environment variables in its config, hence this line-wise rewrite of `key = value`
// lines (the only form the checked-in file uses).

/**
 * @param {string} template the checked-in ini
 * @param {{ databases: Record<string, string>, settings: Record<string, string> }} overrides
 */
export function pgbouncerIni(template, { databases, settings }) {
  /** @type {string[]} */
  const out = [];
  const pending = new Map(Object.entries(settings));
  let section = '';
  const flush = () => {
    if (section === 'databases') for (const [name, value] of Object.entries(databases)) out.push(`${name} = ${value}`);
    if (section === 'pgbouncer') for (const [key, value] of pending) out.push(`${key} = ${value}`);
    if (section === 'pgbouncer') pending.clear();
  };
  for (const line of template.split('\n')) {
    const header = /^\s*\[(\w+)\]\s*$/.exec(line);
    if (header) {
      flush();
      section = header[1] ?? '';
      out.push(line);
      continue;
    }
    const entry = /^\s*([^;#=\s][^=]*?)\s*=/.exec(line);
    if (entry && section === 'databases') continue;
    const key = entry?.[1];
    if (key !== undefined && section === 'pgbouncer' && pending.has(key)) {
      out.push(`${key} = ${pending.get(key)}`);
      pending.delete(key);
      continue;
    }
    out.push(line);
  }
  flush();
  return `${out.join('\n')}\n`;
}
