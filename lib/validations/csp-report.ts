import { z } from 'zod';

// Content-Security-Policy violation reports as browsers send them to /api/csp-report
// (lib/csp-report.ts): the older `report-uri` form (application/csp-report, one report) and
// the Reporting API's (application/reports+json, a batch, each of its own type). Only the
// fields the log line shows are read; browsers add others, which pass unread.

const text = z.string().max(4096).optional();
const line = z.number().int().nonnegative().optional();

export const legacyCspReportSchema = z.object({
  'csp-report': z.object({
    'document-uri': text,
    'violated-directive': text,
    'effective-directive': text,
    'blocked-uri': text,
    'source-file': text,
    'line-number': line,
    'script-sample': text,
    disposition: text,
  }),
});

export const MAX_REPORTS_PER_BATCH = 20;

export const reportingApiBatchSchema = z
  .array(
    z.object({
      type: z.string().max(64),
      url: text,
      body: z
        .object({
          documentURL: text,
          effectiveDirective: text,
          blockedURL: text,
          sourceFile: text,
          lineNumber: line,
          sample: text,
          disposition: text,
        })
        .optional(),
    }),
  )
  .min(1, 'A report batch must hold at least one report')
  .max(MAX_REPORTS_PER_BATCH, `A report batch holds at most ${MAX_REPORTS_PER_BATCH} reports`);
