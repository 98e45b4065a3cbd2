import { z } from 'zod';
import { ImportFileError } from '@/lib/import/errors';
import { parseJsonFile } from '@/lib/import/json-file';
import { tableNames } from './tables';

// The Quire archive: one JSON document, written table by table as the rows are read (so an
// export holds one page of rows in memory, not the site), the row counts last. A restore
// checks the format, the version and that every table has exactly the rows counted, so a
// cut-off or edited file is refused before anything is written.

export const ARCHIVE_FORMAT = 'quire-export';
export const ARCHIVE_VERSION = 1;

export type ArchiveHeader = { format: typeof ARCHIVE_FORMAT; version: typeof ARCHIVE_VERSION; exportedAt: string; passwordHashes: boolean };

export type Row = Record<string, unknown>;

/** The first line of the archive, up to the first table's rows. */
export function archiveStart(header: ArchiveHeader): string {
  return `${JSON.stringify(header).slice(0, -1)},"tables":{\n`;
}

/** Each table: `"name":[` then its rows, one a line, then `]`. */
export function tableStart(name: string, first: boolean): string {
  return `${first ? '' : '],\n'}${JSON.stringify(name)}:[`;
}

export function rowText(row: Row, first: boolean): string {
  return `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
}

export function archiveEnd(counts: Record<string, number>): string {
  return `]\n},"counts":${JSON.stringify(counts)}}\n`;
}

/** Bytes leave PostgreSQL's JSON as "\x<hex>": base64 is a third smaller. */
export function blobOut(row: Row): Row {
  const data = row.data;
  if (typeof data !== 'string' || !data.startsWith('\\x')) return row;
  return { ...row, data: Buffer.from(data.slice(2), 'hex').toString('base64') };
}

export function blobIn(row: Row): Row {
  const data = row.data;
  if (typeof data !== 'string') return row;
  return { ...row, data: `\\x${Buffer.from(data, 'base64').toString('hex')}` };
}

/** A Quire archive says so in its first bytes. */
export function isQuireArchive(head: string): boolean {
  return /^\s*\{"format"\s*:\s*"quire-export"/.test(head.replace(/^\uFEFF/, ''));
}

const rows = z.array(z.record(z.string(), z.unknown()));

const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT, 'not a Quire archive'),
  version: z.literal(ARCHIVE_VERSION, `an archive of another version (this Quire reads version ${ARCHIVE_VERSION})`),
  exportedAt: z.iso.datetime(),
  passwordHashes: z.boolean(),
  tables: z.object(Object.fromEntries(tableNames.map((name) => [name, rows.default([])]))).catchall(z.never('a table this Quire does not know')),
  counts: z.record(z.string(), z.number().int().min(0)),
});

export type Archive = { header: ArchiveHeader; tables: Record<string, Row[]> };

export function parseArchive(file: string, source: string): Archive {
  const parsed = parseJsonFile(file, source, archiveSchema);
  const tables = parsed.tables as Record<string, Row[]>;
  for (const name of tableNames) {
    const expected = parsed.counts[name] ?? 0;
    const found = tables[name]?.length ?? 0;
    if (found !== expected) throw new ImportFileError(file, `$.tables.${name}`, `${found} rows where the archive counts ${expected} (cut or edited?)`);
  }
  const { format, version, exportedAt, passwordHashes } = parsed;
  return { header: { format, version, exportedAt, passwordHashes }, tables };
}
