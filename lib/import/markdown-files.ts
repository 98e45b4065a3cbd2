import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { ImportFileError } from './errors';
import { oldPath, wantedSlug } from './paths';
import { slugFromTitle } from '@/lib/slug';
import { emptyBundle, type ImportBundle, type ImportPost } from './types';

// Jekyll and Hugo posts: Markdown files with YAML (---) or TOML (+++) front matter. The
// body is Markdown already and comes in as it is. One bundle for all the files of a run.

type FrontMatter = Record<string, unknown>;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String).filter(Boolean) : typeof value === 'string' && value.trim() ? value.trim().split(/\s*,\s*|\s+/) : [];
const asText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function asDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object' && value !== null && 'toISOString' in value) return asDate(new Date(String((value as { toISOString: () => string }).toISOString())));
  if (typeof value !== 'string' || !value.trim()) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

function readFrontMatter(file: string, source: string): { data: FrontMatter; content: string } {
  const toml = source.startsWith('+++');
  try {
    const parsed = matter(source, toml ? { delimiters: '+++', language: 'toml', engines: { toml: (s: string) => parseToml(s) as object } } : {});
    return { data: parsed.data as FrontMatter, content: parsed.content };
  } catch (error) {
    // js-yaml and smol-toml both say where: js-yaml in `mark` (from 0), smol-toml in line/column.
    const e = error as { mark?: { line: number; column: number }; line?: number; column?: number; reason?: string; message?: string };
    // The front matter starts on the file's second line.
    const where = e.mark ? `${e.mark.line + 2}:${e.mark.column + 1}` : e.line ? `${e.line + 1}:${e.column ?? 1}` : null;
    const problem = (e.reason ?? e.message ?? String(error)).split('\n')[0];
    throw new ImportFileError(file, where, `malformed ${toml ? 'TOML' : 'YAML'} front matter: ${problem}`);
  }
}

/** `2019-08-19-jekyll-4-0-0-released.markdown` → date and name, as Jekyll reads them. */
function fileName(file: string): { date: Date | null; name: string } {
  const base = path.basename(file).replace(/\.(md|markdown|mdown|mkd)$/i, '');
  const m = /(?:^|_)(\d{4}-\d{2}-\d{2})-(.+)$/.exec(base);
  return m ? { date: asDate(m[1]), name: m[2]! } : { date: null, name: base };
}

export function parseMarkdownFiles(files: { file: string; name: string; source: string }[]): ImportBundle {
  const bundle = emptyBundle('markdown', 'markdown', `${files.length} Markdown file${files.length === 1 ? '' : 's'} (Jekyll, Hugo)`);
  const authors = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const { file, name, source } of files) {
    if (!/^(---|\+\+\+)/.test(source)) throw new ImportFileError(file, '1:1', 'no front matter (a Jekyll or Hugo post starts with --- or +++)');
    const { data, content } = readFrontMatter(file, source);
    const fromName = fileName(file);
    const title = asText(data.title) || fromName.name;
    const date = asDate(data.date) ?? fromName.date;
    const draft = data.draft === true || data.published === false;
    const scheduled = !draft && date !== null && date.getTime() > Date.now();
    const author = asText(data.author) || (Array.isArray(data.authors) ? asText(data.authors[0]) : '');
    if (author) authors.set(slugFromTitle(author), author);
    const cats = [...asList(data.categories), ...asList(data.category)];
    for (const c of cats) categories.set(slugFromTitle(c), c);
    const slug = wantedSlug(asText(data.slug) || fromName.name, title);
    const paths = [...asList(data.aliases).map((a) => (a.startsWith('/') ? a : `/${a}`)), asText(data.permalink), asText(data.url)];
    // Jekyll's default permalink: /:categories/:year/:month/:day/:title.html
    if (fromName.date && date) {
      const ymd = fromName.date.toISOString().slice(0, 10).replaceAll('-', '/');
      paths.push(`/${[...cats.map((c) => slugFromTitle(c)), ymd, `${fromName.name}.html`].join('/')}`);
    }
    const post: ImportPost = {
      sourceId: name,
      title,
      slug,
      // Hugo's and Jekyll's "read more" mark means nothing here.
      body: content.replace(/<!--\s*more\s*-->/gi, '').trim(),
      excerpt: asText(data.excerpt) || asText(data.description) || asText(data.summary),
      status: draft ? 'DRAFT' : scheduled ? 'SCHEDULED' : 'PUBLISHED',
      publishedAt: draft ? null : (date ?? new Date()),
      createdAt: date ?? new Date(),
      authorRef: author ? slugFromTitle(author) : null,
      categoryRefs: [...new Set(cats.map((c) => slugFromTitle(c)))],
      tags: [...new Set(asList(data.tags))],
      oldPaths: [...new Set(paths.map((p) => oldPath(p)).filter((p): p is string => !!p))],
    };
    bundle.posts.push(post);
  }
  bundle.authors = [...authors].map(([sourceId, name]) => ({ sourceId, name, email: null }));
  bundle.categories = [...categories].map(([slug, name]) => ({ sourceId: slug, slug, name, description: '' }));
  return bundle;
}
