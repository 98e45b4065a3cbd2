import { z } from 'zod';
import { storableText } from './storable-text';

// The stats page's query string: ?period= for the top posts, ?post=<slug> for one post's chart.
// Anything malformed falls back to the defaults rather than failing the page.

export const STATS_PERIODS = ['7', '30', '90', 'all'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export const statsQuerySchema = z.object({
  period: z.enum(STATS_PERIODS).catch('30'),
  post: storableText(undefined).trim().min(1).max(300).optional().catch(undefined),
});
