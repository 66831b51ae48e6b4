import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { closeQuietCases } from '../usecases/cases/close-quiet.js';

/**
 * Background jobs on a fixed interval (JOBS_INTERVAL_SECONDS; 0 = off). A run never overlaps the
 * previous one; every job is idempotent and safe across instances (see each job).
 */
export function startJobs(database: Database, config: Config, logger: Logger): { stop(): Promise<void> } {
  if (config.jobsIntervalSeconds === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const run = async () => {
    try {
      const closed = await closeQuietCases(database, config, new Date());
      if (closed > 0) logger.info('job', { job: 'close-quiet-cases', closed });
    } catch (err) {
      logger.error('job failed', { job: 'close-quiet-cases', errorClass: (err as Error)?.name });
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
