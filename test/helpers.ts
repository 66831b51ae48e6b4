import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { expect, inject } from 'vitest';
import { type App, buildApp } from '../server/app.js';
import { type Config, loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { withQueryStats } from '../server/db/query-stats.js';
import { createLogger, type Logger } from '../server/logger.js';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { withDatabase } from './setup/global-postgres.js';
import { testEnv } from './setup/template.js';

export const backend = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; fields?: Record<string, string> } }[];
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  logLines: string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  /** Runs one request and counts the SQL statements it issued. */
  countStatements(query: string, variables: Record<string, unknown> | undefined, token: string | null): Promise<{ result: GqlResult; statements: number }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh copy of the seeded demo on this run's backend, and an app over it (in-process). */
export async function openTestDatabase(): Promise<{ database: Database; env: Record<string, string>; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dump = readFileSync(inject('pgliteDump'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
    const env = testEnv();
    const database = await openDatabase(loadConfig(env), { pglite });
    return { database, env, drop: async () => {} };
  }
  const { adminUrl, template, prefix } = inject('postgresTemplate');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      break;
    } catch (err) {
      // Two files cloning at the same instant: "source database is being accessed by other users".
      if (attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const env = testEnv({ DATABASE_URL: withDatabase(adminUrl, name), DB_POOL_MAX: '4' });
  const database = await openDatabase(loadConfig(env));
  return {
    database,
    env,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const { database, env, drop } = await openTestDatabase();
  const config = loadConfig({ ...env, ...overrides });
  const logLines: string[] = [];
  const logger: Logger = createLogger('debug', (line) => logLines.push(line));
  const app = buildApp(config, database, { logger });

  async function gql<T>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await app.fetch(
      new Request('http://127.0.0.1/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }),
    );
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  }

  return {
    app,
    database,
    config,
    logLines,
    gql,
    async countStatements(query, variables, token) {
      const stats = { statements: 0 };
      const result = await withQueryStats(stats, () => gql<Record<string, any>>(query, variables, token));
      return { result, statements: stats.statements };
    },
    async login(username, password = DEMO_PASSWORD) {
      const r = await gql<{ login: { token: string } }>(
        'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }',
        { u: username, p: password },
      );
      if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    async close() {
      await app.stop();
      await database.close();
      await drop();
    },
  };
}

/** Asserts success and returns the data. */
export function ok<T = Record<string, any>>(r: GqlResult<T>): T {
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** Asserts a refusal with `code`, no data, and (for BAD_USER_INPUT) exactly these fields. */
export function refused(r: GqlResult, code: string, fields?: string[]) {
  const err = onlyError(r);
  expect(err.extensions?.code).toBe(code);
  // No data: either none at all, or the (nullable) field that failed is null.
  for (const v of Object.values(r.data ?? {})) expect(v).toBeNull();
  if (fields) expect(Object.keys(err.extensions?.fields ?? {}).sort()).toEqual([...fields].sort());
  return err;
}

/** The single error of a result, asserting there is exactly one. */
export function onlyError(r: GqlResult) {
  if (!r.errors || r.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(r.errors ?? r.data)}`);
  return r.errors[0]!;
}
