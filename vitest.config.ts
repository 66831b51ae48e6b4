import { existsSync } from 'node:fs';
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

// The admin app's unit tests (data provider, messages, auth), in a fake DOM.
projects.push({ test: { name: 'admin', include: ['admin/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } });

/**
 * End-to-end in headless Debian Chromium against the built admin app and an in-process server on
 * a PGlite copy of the demo. Without /usr/bin/chromium the suite skips (no setup runs).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
projects.push({
  resolve,
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: hasChromium ? ['test/setup/global-pglite.ts', 'test/e2e/build-admin.ts'] : [],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TEST_DB: 'pglite', CHROMIUM_PATH: hasChromium ? CHROMIUM : '' },
  },
});

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    maxWorkers: 2,
  },
});
