import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { backend } from './helpers.js';
import { withDatabase } from './setup/global-postgres.js';

/**
 * `npm start` as a newcomer runs it: the real entry point in a child process, on a fresh data
 * directory or database, then HTTP against the printed URL.
 */

interface Started {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  // As `npm start` runs it: node itself with tsx's loader, no launcher process in between (tsx's
  // launcher SIGKILLs a child that does not confirm a relayed signal within 30 ms — under load,
  // a clean stop became a kill).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', METRICS_PORT: '-1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`server exited before listening:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  url.catch(() => {});
  return { child, output: () => out, url, exited };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const LOGIN = 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.runIf(backend === "pglite")('npm start on the embedded database', () => {
  test('an acknowledged write survives kill -9, and the stale lock does not block the restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tianping-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = startServer({ DATA_DIR: dir });
    const url = await first.url;
    const token = (await gql(url, LOGIN, { u: 'city.admin', p: DEMO_PASSWORD })).data.login.token as string;
    const parent = (await gql(url, '{ tenant(slug: "yubei") { id } }', {}, token)).data.tenant.id as string;
    const created = await gql(
      url,
      'mutation($p: ID!) { createTenant(input: { parentId: $p, kind: JUDICIAL_OFFICE, slug: "after-crash", name: "崩溃后仍在的司法所" }) { tenant { slug } } }',
      { p: parent },
      token,
    );
    expect(created.data.createTenant.tenant.slug).toBe('after-crash'); // acknowledged
    // Kill the server process itself, as a crash would (its pid is also in the lock file).
    const lock = path.join(dir, 'tianping.lock');
    process.kill(Number(readFileSync(lock, 'utf8')), 'SIGKILL');
    await first.exited;
    expect(existsSync(lock)).toBe(true); // left behind by the crash

    const second = startServer({ DATA_DIR: dir });
    const url2 = await second.url;
    const found = await gql(url2, '{ tenant(slug: "after-crash") { name } }', {}, token);
    expect(found.data.tenant).toEqual({ name: '崩溃后仍在的司法所' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  test('seeds the demo on first start, serves it, stops cleanly, and does not seed twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tianping-start-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATA_DIR: dir };

    const first = startServer(env);
    const url = await first.url;
    expect(first.output()).toContain('city.admin / tianping-demo');
    expect(first.output()).toMatch(/Public:\s+http:\/\/\S+\/public/);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', database: 'up' });
    const login = await gql(url, LOGIN, { u: 'city.admin', p: DEMO_PASSWORD });
    const token = login.data.login.token as string;
    const tree = await gql(url, '{ tenants(first: 100) { totalCount } }', {}, token);
    const count = tree.data.tenants.totalCount as number;
    expect(count).toBeGreaterThanOrEqual(25);

    // A second process on the same directory is refused while the first runs (PGlite has no lock of its own).
    const intruder = startServer(env);
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/in use by process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dir, 'tianping.lock'))).toBe(false);

    const second = startServer(env);
    const url2 = await second.url;
    // The signing key persists in the data directory: the first run's token still works.
    const again = await gql(url2, '{ tenants(first: 100) { totalCount } }', {}, token);
    expect(again.data.tenants.totalCount).toBe(count);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});

describe.runIf(backend === 'postgres')('npm start on PostgreSQL', () => {
  test('an empty database gets the root and a first admin from the environment, never the demo', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `tianping_start_${process.pid}_${Date.now() % 100000}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const base = { DATABASE_URL: withDatabase(adminUrl, name) };

    const noSecret = startServer({ ...base, ROOT_ADMIN_PASSWORD: 'first-admin-pass-1' });
    expect(await noSecret.exited).toBe(1);
    expect(noSecret.output()).toContain('JWT_SECRET');

    const noPassword = startServer({ ...base, JWT_SECRET: 'x'.repeat(40) });
    expect(await noPassword.exited).toBe(1);
    expect(noPassword.output()).toContain('ROOT_ADMIN_PASSWORD');

    const server = startServer({ ...base, JWT_SECRET: 'x'.repeat(40), ROOT_ADMIN_PASSWORD: 'first-admin-pass-1', ROOT_ADMIN_USERNAME: 'root.admin' });
    const url = await server.url;
    const login = await gql(url, LOGIN, { u: 'root.admin', p: 'first-admin-pass-1' });
    const token = login.data.login.token as string;
    const tree = await gql(url, '{ tenants(first: 10) { totalCount edges { node { slug name kind } } } }', {}, token);
    expect(tree.data.tenants.edges.map((e: any) => e.node)).toEqual([{ slug: 'cq', name: '重庆市司法局', kind: 'MUNICIPAL_BUREAU' }]);
    const demo = await gql(url, LOGIN, { u: 'city.admin', p: DEMO_PASSWORD });
    expect(demo.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
