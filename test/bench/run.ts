/**
 * `npm run bench`: throughput and latency of the hot GraphQL requests over real HTTP.
 *
 * Sets up a fresh database (migrated, Chongqing demo seeded), starts the real HTTP server in this
 * process on 127.0.0.1 (random port, LOG_LEVEL silent, production settings), runs each scenario of
 * ./scenarios.ts (a warm-up, then a fixed number of requests at a fixed concurrency, bounded by a
 * wall-clock cap), prints a table and writes it as JSON to test/bench/results/<backend>-latest.json.
 * Every response is checked; the first error aborts the run. Everything it made is removed at the end,
 * also on an error or SIGINT/SIGTERM; should the process be killed outright, the watchdog it starts
 * (./reaper.cjs) removes it instead.
 *
 * Environment:
 *   BENCH_DATABASE_URL  PostgreSQL admin URL (e.g. postgres://postgres@127.0.0.1:5432/postgres):
 *                       the run creates a database tianping_bench_<random> there and drops it
 *                       (WITH (FORCE)) at the end, also on error. Unset: PGlite in a temporary
 *                       directory under os.tmpdir(), removed at the end.
 *   BENCH_CONCURRENCY   requests in flight at once (default 8).
 *   BENCH_REQUESTS      how many requests per scenario. "Kx" (e.g. 0.25x, 3x) multiplies every
 *                       scenario's default (viewer 2000, tenant-tree 1000, users 2000, case-queue 1000, login 100);
 *                       a plain integer N runs N requests for each query scenario and N/20
 *                       (at least 10) logins.
 *   BENCH_MAX_SECONDS   wall-clock cap of each scenario's measured part (default 20); a capped
 *                       scenario reports the requests it completed.
 *
 * CPU per request is process.cpuUsage() over the measured part divided by the requests. The
 * client (fetch, JSON) runs in the same process, so its cost is included; on PGlite so is the
 * database's (WASM, in-process), on PostgreSQL the database's own processes are not.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { DEMO_PASSWORD } from '../../seeds/demo-data.js';
import { seedDemo } from '../../seeds/demo.js';
import { type App, buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { type Database, openDatabase } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrate.js';
import { withDatabase } from '../setup/global-postgres.js';
import { abort, BenchError, post, runScenario, type ScenarioResult, startWatchdog } from './measure.js';
import { LOGIN, SCENARIOS, type Scenario } from './scenarios.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, 'results');

interface Options {
  adminUrl: string | undefined;
  concurrency: number;
  requests: (s: Scenario) => number;
  requestsSetting: string;
  maxSeconds: number;
}

function readOptions(env: NodeJS.ProcessEnv): Options {
  const adminUrl = env.BENCH_DATABASE_URL || undefined;
  if (adminUrl && !/^postgres(ql)?:\/\//.test(adminUrl)) {
    throw new BenchError('BENCH_DATABASE_URL must be a postgres:// URL');
  }
  const concurrency = positiveInt('BENCH_CONCURRENCY', env.BENCH_CONCURRENCY, 8);
  const maxSeconds = positiveNumber('BENCH_MAX_SECONDS', env.BENCH_MAX_SECONDS, 20);
  const raw = (env.BENCH_REQUESTS ?? '').trim();
  let requests: (s: Scenario) => number = (s) => s.defaultRequests;
  if (raw) {
    const multiplier = /^(\d+(?:\.\d+)?|\.\d+)x$/i.exec(raw);
    if (multiplier) {
      const k = Number(multiplier[1]);
      if (!(k > 0)) throw new BenchError('BENCH_REQUESTS: the multiplier must be above 0');
      requests = (s) => Math.max(1, Math.round(s.defaultRequests * k));
    } else if (/^\d+$/.test(raw) && Number(raw) > 0) {
      const n = Number(raw);
      requests = (s) => (s.name === 'login' ? Math.max(10, Math.round(n / 20)) : n);
    } else {
      throw new BenchError(`BENCH_REQUESTS: expected a count (e.g. 500) or a multiplier (e.g. 0.5x), got "${raw}"`);
    }
  }
  return { adminUrl, concurrency, requests, requestsSetting: raw || 'default', maxSeconds };
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BenchError(`${name}: expected an integer from 1 to 1000, got "${value}"`);
  return n;
}

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new BenchError(`${name}: expected a positive number, got "${value}"`);
  return n;
}

const launched = performance.now();

/** Progress goes to stderr (stdout holds only the report), stamped with the seconds since launch. */
function progress(line: string): void {
  process.stderr.write(`bench [${((performance.now() - launched) / 1000).toFixed(1)} s]: ${line}\n`);
}

function checkAbort(): void {
  if (abort.reason) throw abort.reason;
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = readOptions(process.env);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const backend = options.adminUrl ? 'postgres' : 'pglite';
  const cleanups: { what: string; run: () => Promise<void> | void }[] = [];
  let failed = false;
  let cleanupFailed = false;
  let watchdog: { release(cleaned: boolean): void } | null = null;
  try {
    // 1. A fresh database.
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: 'silent',
      METRICS_PORT: '-1',
      HOST: '127.0.0.1',
      PORT: '0',
    };
    if (options.adminUrl) {
      const name = `tianping_bench_${randomBytes(4).toString('hex')}`;
      watchdog = startWatchdog({ adminUrl: options.adminUrl, database: name });
      const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
      cleanups.push({ what: 'close the admin connection', run: () => admin.end({ timeout: 5 }) });
      await admin.unsafe(`create database ${name}`);
      cleanups.push({
        what: `drop database ${name}`,
        run: async () => {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
        },
      });
      env.DATABASE_URL = withDatabase(options.adminUrl, name);
      progress(`PostgreSQL database ${name}`);
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tianping-bench-'));
      watchdog = startWatchdog({ dir });
      cleanups.push({ what: `remove ${dir}`, run: () => rmSync(dir, { recursive: true, force: true }) });
      env.DATA_DIR = dir;
      progress(`PGlite in ${dir}`);
    }
    const config = loadConfig(env);
    const database: Database = await openDatabase(config);
    cleanups.push({ what: 'close the database', run: () => database.close() });
    checkAbort();

    const t0 = performance.now();
    await migrate(database);
    checkAbort();
    const seeded = await seedDemo(database, config);
    progress(`migrated and seeded ${seeded.tenants} tenants, ${seeded.users} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    checkAbort();

    // 2. The real HTTP server, in this process.
    const app: App = buildApp(config, database);
    const { url: base } = await app.start(0, '127.0.0.1');
    cleanups.push({ what: 'stop the server', run: () => app.stop() });
    const url = `${base}/graphql`;
    progress(`server at ${url}, concurrency ${options.concurrency}, requests ${options.requestsSetting}, cap ${options.maxSeconds} s per scenario`);

    // 3. Tokens for the signed-in scenarios (through the API, checked like everything else).
    const tokens = new Map<string, string>();
    for (const s of SCENARIOS) {
      if (s.signedInAs && !tokens.has(s.signedInAs)) {
        const data = await post(url, `login ${s.signedInAs}`, { query: LOGIN, variables: { u: s.signedInAs, p: DEMO_PASSWORD } }, null, (d) => {
          if (typeof d.login?.token !== 'string') throw new Error('no token');
        });
        tokens.set(s.signedInAs, data.login.token as string);
      }
    }

    // 4. The scenarios, one after the other.
    const results: ScenarioResult[] = [];
    const startedAt = new Date();
    for (const s of SCENARIOS) {
      checkAbort();
      const result = await runScenario(url, s, s.signedInAs ? tokens.get(s.signedInAs)! : null, {
        requests: options.requests(s),
        concurrency: options.concurrency,
        maxSeconds: options.maxSeconds,
      });
      results.push(result);
      progress(`${s.name}: ${result.requests} requests, ${result.requestsPerSecond} req/s${result.capped ? ' (capped)' : ''}`);
    }

    // 5. The report.
    const report = {
      backend,
      startedAt: startedAt.toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      concurrency: options.concurrency,
      requests: options.requestsSetting,
      maxSecondsPerScenario: options.maxSeconds,
      notes: benchNotes(backend),
      scenarios: results,
    };
    process.stdout.write(table(report.backend, report, results));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${backend}-latest.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } catch (err) {
    failed = true;
    const e = err as Error;
    process.stderr.write(`\nbench failed: ${e instanceof BenchError ? e.message : (e?.stack ?? String(err))}\n`);
  } finally {
    // Undo in reverse order; one failing step does not skip the others.
    for (const c of cleanups.reverse()) {
      try {
        await c.run();
      } catch (err) {
        failed = true;
        cleanupFailed = true;
        process.stderr.write(`bench: could not ${c.what}: ${(err as Error).message}\n`);
      }
    }
    // A failed cleanup is retried by the watchdog once this process has gone.
    watchdog?.release(!cleanupFailed);
  }
  progress(`${failed ? 'failed' : 'done'}; ${cleanupFailed ? 'cleanup incomplete (the watchdog retries it)' : 'cleaned up'}`);
  if (failed) process.exitCode = 1;
}

function benchNotes(backend: 'pglite' | 'postgres'): string[] {
  return [
    'Latency: per request, from sending to reading the whole body, client side (nearest-rank percentiles).',
    'CPU/req: process.cpuUsage() (user + system, all threads) over the measured part / requests. ' +
      'The server runs in the benchmark process, so the client cost (fetch, JSON) is included.',
    backend === 'pglite'
      ? 'PGlite runs in-process (WASM): the database CPU is included in CPU/req.'
      : "PostgreSQL runs in its own processes: the database's CPU is NOT included in CPU/req.",
  ];
}

function table(
  backend: string,
  meta: { node: string; cpus: number; concurrency: number; maxSecondsPerScenario: number; notes: string[] },
  results: ScenarioResult[],
): string {
  const head = ['scenario', 'requests', 'seconds', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms/req'];
  const rows = results.map((r) => [
    r.name,
    `${r.requests}${r.capped ? '*' : ''}`,
    r.seconds.toFixed(2),
    r.requestsPerSecond.toFixed(1),
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p95.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    r.cpuMsPerRequest.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    '',
    `Tianping bench: ${backend}, concurrency ${meta.concurrency}, node ${meta.node}, ${meta.cpus} CPUs`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
  ];
  if (results.some((r) => r.capped)) out.push(`* stopped by the ${meta.maxSecondsPerScenario} s wall-clock cap before the planned count`);
  for (const n of meta.notes) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals++;
    if (signals > 1) process.exit(130);
    progress(`${signal}: stopping after the requests in flight, then cleaning up (again to quit at once)`);
    abort.reason ??= new BenchError(`interrupted by ${signal}`);
  });
}

await main();
