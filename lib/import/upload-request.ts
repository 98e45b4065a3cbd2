import 'server-only';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { startImportRun } from '@/lib/dal/import-runs';
import { env } from '@/lib/env';
import { getDictionary } from '@/lib/i18n';
import { refusalText } from '@/lib/i18n/refusal-words';
import { readBody } from '@/lib/media/upload-request';
import { consume } from '@/lib/rate-limit';
import { IMPORT_REFUSALS, importUploadSchema, safeFileName, type ImportRefusal } from '@/lib/validations/imports';
import { siteOrigin } from '@/lib/site-url';

// POST /api/admin/import as a function of the request and the viewer, so tests can call it
// without a Next request scope: multipart/form-data with `file` and `dryRun` → a run of
// the import job (lib/dal/import-runs.ts). The form on /admin/import posts here without
// JavaScript, so a browser's form post (Accept: text/html) is answered with a redirect:
// to the run's page, or back to the form with why (?error=…, the dry run box as it was).
// Anything else gets JSON: 202 {runId} | 400 | 401 | 403 | 409 | 413 | 415 | 429 {error},
// in English like the rest of /admin/import (IMPORT_REFUSALS).

const NO_STORE = { 'Cache-Control': 'no-store' };
const STATUS: Record<ImportRefusal, number> = {
  'admins-only': 403,
  'cross-site': 403,
  'bad-form': 400,
  'no-file': 400,
  empty: 400,
  'too-large': 413,
  busy: 409,
  'too-many': 429,
  interrupted: 400,
};

/** The largest upload, and the multipart envelope around it. */
export function importMaxBytes(): number {
  return env().IMPORT_MAX_MB * 1024 * 1024;
}

export function tooLargeMessage(): string {
  return `The file is larger than ${env().IMPORT_MAX_MB} MB, the limit of an upload here (IMPORT_MAX_MB). Import it with npm run import on the server instead.`;
}

type Answer = (refusal: ImportRefusal, extra?: { message?: string; headers?: Record<string, string> }) => Response;

function answers(request: Request, dryRun: boolean): { refuse: Answer; started: (runId: string) => Response } {
  const html = (request.headers.get('accept') ?? '').includes('text/html');
  const base = env().SITE_URL;
  return {
    refuse: (refusal, { message, headers } = {}) => {
      if (html) {
        const to = new URL('/admin/import', base);
        to.searchParams.set('error', refusal);
        if (dryRun) to.searchParams.set('dryRun', '1');
        return new Response(null, { status: 303, headers: { ...NO_STORE, Location: to.pathname + to.search } });
      }
      const error = message ?? (refusal === 'too-large' ? tooLargeMessage() : IMPORT_REFUSALS[refusal]);
      return Response.json({ error }, { status: STATUS[refusal], headers: { ...NO_STORE, ...headers } });
    },
    started: (runId) =>
      html
        ? new Response(null, { status: 303, headers: { ...NO_STORE, Location: `/admin/import/${runId}` } })
        : Response.json({ runId }, { status: 202, headers: NO_STORE }),
  };
}

export async function handleImportUpload(request: Request, getActor: () => Promise<Actor | null>): Promise<Response> {
  // Before the body is read the dry run box is unknown: these refusals show it unticked.
  const early = answers(request, false);
  const origin = request.headers.get('origin');
  if (origin && origin !== siteOrigin()) return early.refuse('cross-site');

  const actor = await getActor();
  if (!actor) return Response.json({ error: 'Sign in to import.' }, { status: 401, headers: NO_STORE });
  if (!isAdmin(actor)) return early.refuse('admins-only');

  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return Response.json({ error: 'Send the file as multipart/form-data with the field "file".' }, { status: 415, headers: NO_STORE });
  const max = importMaxBytes() + 64 * 1024;
  if (Number(request.headers.get('content-length') ?? '0') > max) return early.refuse('too-large');

  const limited = await consume(['importUser', actor.id]);
  if (!limited.ok) return early.refuse('too-many', { headers: { 'Retry-After': String(limited.retryAfterS) } });

  const body = await readBody(request, max).catch(() => undefined);
  if (body === null) return early.refuse('too-large');
  if (body === undefined) return early.refuse('interrupted');
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return early.refuse('bad-form');
  }
  const parsed = importUploadSchema.safeParse({ file: form.get('file'), dryRun: form.get('dryRun') });
  const { refuse, started } = answers(request, parsed.success ? parsed.data.dryRun : form.get('dryRun') === 'on');
  if (!parsed.success) return refuse(form.get('file') instanceof File ? 'empty' : 'no-file');
  const { file, dryRun } = parsed.data;
  if (file.size > importMaxBytes()) return refuse('too-large');

  const result = await startImportRun(actor, { fileName: safeFileName(file.name), bytes: new Uint8Array(await file.arrayBuffer()), dryRun });
  if (!result.ok) return refuse(result.status === 409 ? 'busy' : 'admins-only', { message: refusalText(result.reason, getDictionary('en'), result.detail) });
  return started(result.runId);
}
