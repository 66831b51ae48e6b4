import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { closeQuietCases } from '../usecases/cases/close-quiet.js';
import { recomputeProvisionalClocks } from '../usecases/cases/recompute-clocks.js';

/**
 * Background jobs (closing resolved cases after the quiet period; recomputing due dates once a
 * provisionally assumed holiday year is loaded) on a fixed interval (JOBS_INTERVAL_SECONDS; 0 = off). A run never overlaps the
 * previous one; every job is idempotent and safe across instances (see each job).
 */
export function startJobs(database: Database, config: Config, logger: Logger): { stop(): Promise<void> } {
  if (config.jobsIntervalSeconds === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const jobs: [string, (now: Date) => Promise<number>][] = [
    ['close-quiet-cases', (now) => closeQuietCases(database, config, now)],
    ['recompute-provisional-clocks', (now) => recomputeProvisionalClocks(database, config, now)],
  ];
  const run = async () => {
    for (const [job, work] of jobs) {
      try {
        const changed = await work(new Date());
        if (changed > 0) logger.info('job', { job, changed });
      } catch (err) {
        logger.error('job failed', { job, errorClass: (err as Error)?.name });
      }
    }
  };
  const timer = setInterval(() => {
    if (!running) running = run().finally(() => (running = null));
  }, config.jobsIntervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
