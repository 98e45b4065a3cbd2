import { execFile } from 'node:child_process';
import { expect, test } from './helpers/fixtures';
import { db } from './helpers/users';

// `npm run import` against the running production server: the imported posts' old
// addresses (Jekyll's date permalinks, a Hugo alias, WordPress's /?p=) answer 301 to the
// posts (proxy.ts, for addresses outside Quire's routes), an unknown old-style address is
// the site's 404, and the home page with an unknown ?p= is the home page.

type Run = { code: number; stdout: string; stderr: string };

function importCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/import.mjs', ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function slugOf(source: string, sourceId: string): Promise<string> {
  const { rows } = await db().query<{ slug: string }>(
    "SELECT p.slug FROM posts p JOIN import_sources s ON s.target_id = p.id AND s.kind = 'post' WHERE s.source = $1 AND s.source_id = $2",
    [source, sourceId],
  );
  if (!rows[0]) throw new Error(`nothing imported as ${source} ${sourceId}`);
  return rows[0].slug;
}

test('old addresses of imported posts answer 301 to them; unknown ones are a 404', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const run = `e2e-${Date.now().toString(36)}`;
  const env = { SITE_URL: baseURL ?? '' };
  const markdown = await importCli(['tests/fixtures/import/markdown', '--source', run], env);
  expect(markdown.code, markdown.stderr).toBe(0);
  expect(markdown.stdout).toContain('created: ');
  expect(markdown.stdout).toContain('shows the imported posts now');
  const wxr = await importCli(['tests/fixtures/import/wxr/WordPress__wordpress-importer__valid-wxr-1.1.xml', '--source', run], env);
  expect(wxr.code, wxr.stderr).toBe(0);

  const jekyll = await slugOf(`markdown:${run}`, 'jekyll__jekyll__2017-10-19-diversity-open-source.markdown');
  const hugo = await slugOf(`markdown:${run}`, 'gohugoio__hugoBasicExample__markdown-syntax.md');
  const wordpress = await slugOf(`wxr:${run}`, '1');
  for (const [from, slug] of [
    ['/community/2017/10/19/diversity-open-source.html', jekyll],
    ['/migrate-from-jekyl', hugo],
    ['/?p=1', wordpress],
  ] as const) {
    const res = await request.get(from, { maxRedirects: 0 });
    expect(res.status(), from).toBe(301);
    expect(new URL(res.headers().location ?? '', baseURL).pathname, from).toBe(`/post/${slug}`);
  }
  // With the trailing slash WordPress and Hugo write: Next's own 301 drops it first.
  const slashed = await request.get('/migrate-from-jekyl/');
  expect(slashed.status()).toBe(200);
  expect(new URL(slashed.url()).pathname).toBe(`/post/${hugo}`);
  const post = await request.get(`/post/${jekyll}`);
  expect(post.status()).toBe(200);
  expect(await post.text()).toContain('Diversity in Open Source');

  // An unknown address is Next's own 404 page, rendered whole on the server (not a script's).
  const unknown = await request.get('/2011/01/18/never-was-here', { maxRedirects: 0 });
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain('Page not found');
  const home = await request.get('/?p=987654', { maxRedirects: 0 });
  expect(home.status()).toBe(200);
});
