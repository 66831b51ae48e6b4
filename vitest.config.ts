import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One suite, every backend (STYLE.md habit 10): pure unit tests run once; the integration suite
 * runs on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set (an admin URL:
 * each run creates its own databases and drops them afterwards).
 */
const integration = (name: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: ['test/**/*.test.ts'],
    globalSetup: [`test/setup/global-${name}.ts`],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TEST_DB: name },
  },
});

const projects: TestProjectInlineConfiguration[] = [
  { test: { name: 'unit', include: ['server/**/*.test.ts'] } },
  integration('pglite'),
];
if (process.env.TEST_DATABASE_URL) projects.push(integration('postgres'));

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    maxWorkers: 2,
  },
});
