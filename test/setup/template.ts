import { seedDemo } from '../../seeds/demo.js';
import { ensureHolidayYears } from '../../seeds/holidays.js';
import { loadConfig } from '../../server/config.js';
import type { Database } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrate.js';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** The configuration every integration test starts from; tests override single settings. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    METRICS_PORT: '-1',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Migrates and seeds the demo once per run; every test file starts from a copy. */
export async function prepareTemplate(database: Database): Promise<void> {
  await migrate(database);
  await ensureHolidayYears(database.db);
  await seedDemo(database, loadConfig(testEnv()));
}
