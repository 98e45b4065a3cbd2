// Next calls register() once when a server process starts (`next start`, the production
// server's app.prepare(), `next dev`): the job worker starts here, in the app's own
// bundle, so tasks use the same data layer and mail code as requests do.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startJobsFromEnv } = await import('./lib/jobs/start');
  await startJobsFromEnv();
}
