import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { sweep } from '../usecases/cases/sweep.js';

/**
 * Runs the deadline sweeper (server/usecases/cases/sweep.ts: warnings, overdue notices and
 * automatic supervision, escalations, flags, quiet-period closing, provisional due dates) every
 * JOBS_INTERVAL_SECONDS (0 = off). A run never overlaps the previous one here, and one runner at a
 * time across instances holds the job lock; every step is idempotent.
 */
export function startJobs(database: Database, config: Config, logger: Logger): { stop(): Promise<void> } {
  if (config.jobsIntervalSeconds === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const run = async () => {
    try {
      const report = await sweep(database, config, new Date());
      if (report && Object.values(report).some((n) => n > 0)) logger.info('job', { job: 'case-sweeper', ...report });
    } catch (err) {
      logger.error('job failed', { job: 'case-sweeper', errorClass: (err as Error)?.name });
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
