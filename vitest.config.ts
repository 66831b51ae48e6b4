import { createRequire } from 'node:module';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One graphql instance: Node loads graphql's CommonJS entry for Pothos and yoga, while Vite would
// pick its .mjs entry for our sources ("Cannot use GraphQLScalarType from another module").
const resolve = { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] };

/**
 * One suite, every backend (STYLE.md habit 10): pure unit tests run once; the integration suite
 * runs on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set (an admin URL:
 * each run creates its own databases and drops them afterwards).
 */
const integration = (name: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  resolve,
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
  { resolve, test: { name: 'unit', include: ['server/**/*.test.ts'] } },
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
