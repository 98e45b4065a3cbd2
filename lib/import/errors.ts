// A file that cannot be imported as it is: the message names the problem and where, for one
// line of CLI output (`file:line:column: message` or `file at $.db[0].data: message`).

export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | null,
    readonly problem: string,
  ) {
    super(`${file}${where === null ? '' : where.startsWith('$') ? ` at ${where}` : `:${where}`}: ${problem}`);
  }
}

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

/** A zod issue path as a JSON path: ["db", 0, "data"] → $.db[0].data; other keys quoted: $["http://x/"] */
export function jsonPath(path: readonly PropertyKey[]): string {
  const step = (p: PropertyKey) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`);
  return `$${path.map(step).join('')}`;
}
