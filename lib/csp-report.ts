import 'server-only';
import type { z } from 'zod';
import { consume } from '@/lib/rate-limit';
import { legacyCspReportSchema, reportingApiBatchSchema } from '@/lib/validations/csp-report';

// The Content-Security-Policy's report endpoint (/api/csp-report; the policy: lib/csp.mjs).
// A violation is logged, one line each on stderr, and kept nowhere else: nothing grows with
// the reports. Per address at most `cspReportIp` requests a minute are read (lib/rate-limit.ts);
// the rest get 429 unread. Answers 204, or a 4xx with a message.

export const MAX_CSP_REPORT_BYTES = 64 * 1024;
const CONTENT_TYPES = ['application/csp-report', 'application/reports+json'] as const;

export type CspReportAnswer = { status: 204 } | { status: 400 | 413 | 415 | 429; error: string; retryAfterS?: number };
export type Violation = { directive?: string; blocked?: string; document?: string; source?: string; line?: number; sample?: string; disposition?: string };

/** At most `max` characters of a report's field for the log. */
function clip(value: string | undefined, max = 200): string | undefined {
  return value === undefined ? undefined : value.slice(0, max);
}

function fromLegacy(report: z.infer<typeof legacyCspReportSchema>['csp-report']): Violation {
  return {
    directive: clip(report['effective-directive'] ?? report['violated-directive']),
    blocked: clip(report['blocked-uri']),
    document: clip(report['document-uri']),
    source: clip(report['source-file']),
    line: report['line-number'],
    sample: clip(report['script-sample'], 80),
    disposition: clip(report.disposition),
  };
}

/** The violations in a body of `contentType`, or the reason it is not a report. */
export function parseCspReport(contentType: string, raw: string): { ok: true; violations: Violation[] } | { ok: false; status: 400 | 415; error: string } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(CONTENT_TYPES as readonly string[]).includes(type)) return { ok: false, status: 415, error: `Send a report as ${CONTENT_TYPES.join(' or ')}` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, error: 'The report is not JSON' };
  }
  if (type === 'application/csp-report') {
    const parsed = legacyCspReportSchema.safeParse(json);
    if (!parsed.success) return { ok: false, status: 400, error: `Not a CSP report: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
    return { ok: true, violations: [fromLegacy(parsed.data['csp-report'])] };
  }
  const parsed = reportingApiBatchSchema.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, error: `Not a report batch: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  const violations = parsed.data
    .filter((report) => report.type === 'csp-violation' && report.body)
    .map(({ url, body = {} }) => ({
      directive: clip(body.effectiveDirective),
      blocked: clip(body.blockedURL),
      document: clip(body.documentURL ?? url),
      source: clip(body.sourceFile),
      line: body.lineNumber,
      sample: clip(body.sample, 80),
      disposition: clip(body.disposition),
    }));
  return { ok: true, violations };
}

/**
 * Takes one report request from `address`: checks its budget, its size and shape, logs its
 * violations (with `log`, console.warn by default).
 */
export async function acceptCspReport(
  input: { address: string; contentType: string; declaredLength: number; read: () => Promise<string> },
  log: (line: string) => void = (line) => console.warn(line),
): Promise<CspReportAnswer> {
  const limit = await consume(['cspReportIp', input.address]);
  if (!limit.ok) return { status: 429, error: 'Too many reports from this address; try again later', retryAfterS: limit.retryAfterS };
  const tooLarge = { status: 413, error: `A report is at most ${MAX_CSP_REPORT_BYTES / 1024} KB` } as const;
  if (input.declaredLength > MAX_CSP_REPORT_BYTES) return tooLarge;
  const raw = await input.read();
  if (Buffer.byteLength(raw) > MAX_CSP_REPORT_BYTES) return tooLarge;
  const parsed = parseCspReport(input.contentType, raw);
  if (!parsed.ok) return { status: parsed.status, error: parsed.error };
  for (const violation of parsed.violations) log(`csp violation: ${JSON.stringify(violation)}`);
  return { status: 204 };
}
