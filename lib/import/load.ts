import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { slugSchema } from '@/lib/validations/posts';
import { parseDisqus } from './disqus';
import { ImportFileError } from './errors';
import { parseJsonFile } from './json-file';
import { parseGhost } from './ghost';
import { parseMarkdownFiles } from './markdown-files';
import type { ImportBundle } from './types';
import { parseWxr } from './wxr';

// Reads a file or a folder of exports into bundles, the format of each told by its start
// (not only its name). Posts come before Disqus comments, which attach to posts by URL.

/** `source` names the exports instead of their site URL (two different sites both at http://localhost/). */
export type LoadOptions = {
  pages: 'skip' | 'drafts';
  source?: string;
  /** Where relative paths start (npm run moves to the project's folder). */
  cwd?: string;
  /** A JSON file of Disqus thread URL → post slug here, for threads whose URL is no address of this site. */
  map?: string;
};

const mapFile = z.record(z.string().url('each key is a thread URL'), slugSchema);
export type Loaded = { bundles: ImportBundle[]; ignored: string[] };

type Format = ImportBundle['format'];

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const ORDER: Format[] = ['wxr', 'ghost', 'markdown', 'disqus'];

export function detectFormat(name: string, source: string): Format | null {
  const head = source.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*</.test(head)) {
    if (/<disqus[\s>]/.test(head)) return 'disqus';
    if (/<rss[\s>]/.test(head) || /wordpress\.org\/export/.test(head)) return 'wxr';
    return null;
  }
  if (/^\s*\{/.test(head) && /"db"\s*:/.test(head)) return 'ghost';
  // A Markdown file without front matter (a README beside the posts) is not a post.
  if (/^(---|\+\+\+)\s*\r?\n/.test(head)) return 'markdown';
  return null;
}

async function listFiles(root: string): Promise<string[]> {
  const info = await stat(root).catch(() => null);
  if (!info) throw new ImportFileError(root, null, 'no such file or folder');
  if (!info.isFile() && !info.isDirectory()) throw new ImportFileError(root, null, 'not a file or folder');
  if (info.isFile()) return [root];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function loadExports(target: string, options: LoadOptions = { pages: 'skip' }): Promise<Loaded> {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, target);
  const files = await listFiles(root);
  const single = files.length === 1 && files[0] === root;
  const urlMap = options.map ? await readMap(path.resolve(cwd, options.map), options.map) : new Map<string, string>();
  const bundles: ImportBundle[] = [];
  const markdown: { file: string; name: string; source: string }[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    const shown = path.isAbsolute(target) ? file : path.relative(cwd, file) || file;
    const source = await readFile(file, 'utf8');
    const format = detectFormat(file, source);
    if (format === null) {
      if (single) {
        const what = MARKDOWN.test(file) ? 'a Markdown file without front matter (a Jekyll or Hugo post starts with --- or +++)' : 'not a known export';
        throw new ImportFileError(shown, null, `${what}: expected WordPress WXR, Ghost JSON, Disqus XML or Markdown with front matter`);
      }
      ignored.push(shown);
      continue;
    }
    if (format === 'wxr') bundles.push(parseWxr(shown, source, options));
    else if (format === 'ghost') bundles.push(parseGhost(shown, source, options));
    else if (format === 'disqus') bundles.push(parseDisqus(shown, source, urlMap));
    else markdown.push({ file: shown, name: single ? path.basename(file) : path.relative(root, file), source });
  }
  if (markdown.length > 0) bundles.push(parseMarkdownFiles(markdown));
  bundles.sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format));
  if (options.source) for (const b of bundles) b.source = `${b.format}:${options.source}`;
  return { bundles, ignored };
}

async function readMap(file: string, shown: string): Promise<Map<string, string>> {
  const source = await readFile(file, 'utf8').catch(() => {
    throw new ImportFileError(shown, null, 'no such mapping file');
  });
  return new Map(Object.entries(parseJsonFile(shown, source, mapFile)));
}
