import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The load loop and its statistics: a fixed number of requests at a fixed concurrency, bounded by
// a wall-clock cap, every response checked; and the watchdog every benchmark starts.
import type { GraphQLBody, Scenario } from './scenarios.js';

export interface ScenarioResult {
  name: string;
  description: string;
  concurrency: number;
  /** Requests asked for. */
  planned: number;
  /** Requests completed and measured (fewer than planned when the wall-clock cap stopped it). */
  requests: number;
  capped: boolean;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** process.cpuUsage() (user + system, all threads) over the measured part, per request. */
  cpuMsPerRequest: number;
}

/** Set by a signal handler or a failing worker; every loop stops at its next request. */
export const abort: { reason: Error | null } = { reason: null };

export class BenchError extends Error {
  override name = 'BenchError';
}

/** Sends one GraphQL POST and returns `data`, throwing a BenchError for anything but a clean success. */
export async function post(
  url: string,
  scenario: string,
  body: GraphQLBody,
  token: string | null,
  check?: (data: Record<string, any>) => void,
): Promise<Record<string, any>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let status = 0;
  let text = '';
  try {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    status = res.status;
    text = await res.text();
  } catch (err) {
    throw new BenchError(`${scenario}: request failed: ${(err as Error).message}`, { cause: err });
  }
  let parsed: { data?: Record<string, any> | null; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BenchError(`${scenario}: HTTP ${status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (parsed.errors?.length) {
    const first = parsed.errors[0]!;
    throw new BenchError(
      `${scenario}: HTTP ${status}, GraphQL error${parsed.errors.length > 1 ? `s (${parsed.errors.length})` : ''}: ` +
        `${first.message ?? '?'}${first.extensions?.code ? ` [${first.extensions.code}]` : ''}`,
    );
  }
  if (status !== 200) throw new BenchError(`${scenario}: HTTP ${status}: ${text.slice(0, 300)}`);
  if (!parsed.data) throw new BenchError(`${scenario}: response without data: ${text.slice(0, 300)}`);
  if (check) {
    try {
      check(parsed.data);
    } catch (err) {
      throw new BenchError(`${scenario}: unexpected response: ${(err as Error).message}`);
    }
  }
  return parsed.data;
}

/**
 * Runs `count` requests with `concurrency` workers, or as many as fit in `maxSeconds`. Returns the
 * per-request latencies (ms) and the elapsed time. The first failure stops every worker and is thrown
 * once all of them have returned (so nothing is still in flight while the caller cleans up).
 */
async function drive(
  url: string,
  scenario: Scenario,
  token: string | null,
  count: number,
  concurrency: number,
  maxSeconds: number,
  firstIndex: number,
): Promise<{ latencies: number[]; seconds: number; capped: boolean }> {
  const latencies: number[] = [];
  let next = 0;
  let capped = false;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (!abort.reason) {
      if (next >= count) return;
      if (performance.now() >= deadline) {
        capped = true;
        return;
      }
      const i = next++;
      const t0 = performance.now();
      try {
        await post(url, scenario.name, scenario.body(firstIndex + i), token, scenario.check);
      } catch (err) {
        abort.reason ??= err as Error;
        return;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (abort.reason) throw abort.reason;
  return { latencies, seconds, capped };
}

export async function runScenario(
  url: string,
  scenario: Scenario,
  token: string | null,
  options: { requests: number; concurrency: number; maxSeconds: number },
): Promise<ScenarioResult> {
  // Warm-up: not measured (JIT, prepared plans, connection pool, keep-alive sockets).
  await drive(url, scenario, token, scenario.warmup, options.concurrency, options.maxSeconds, 0);

  const cpuBefore = process.cpuUsage();
  const { latencies, seconds, capped } = await drive(
    url,
    scenario,
    token,
    options.requests,
    options.concurrency,
    options.maxSeconds,
    scenario.warmup,
  );
  const cpu = process.cpuUsage(cpuBefore);
  const n = latencies.length;
  if (n === 0) throw new BenchError(`${scenario.name}: no request completed within ${options.maxSeconds} s`);
  const sorted = Float64Array.from(latencies).sort();
  return {
    name: scenario.name,
    description: scenario.description,
    concurrency: options.concurrency,
    planned: options.requests,
    requests: n,
    capped,
    seconds: round(seconds, 3),
    requestsPerSecond: round(n / seconds, 1),
    latencyMs: {
      p50: round(percentile(sorted, 50), 2),
      p95: round(percentile(sorted, 95), 2),
      p99: round(percentile(sorted, 99), 2),
      mean: round(latencies.reduce((a, b) => a + b, 0) / n, 2),
      max: round(sorted[n - 1]!, 2),
    },
    cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / n, 3),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Starts ./reaper.cjs, which removes what a benchmark made (a data directory, a database) should
 * the benchmark die without cleaning up (e.g. SIGKILL). `release(true)` tells it everything is
 * cleaned; `release(false)` lets it try.
 */
export function startWatchdog(job: { adminUrl?: string; database?: string; dir?: string }): { release(cleaned: boolean): void } {
  const child: ChildProcess = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'reaper.cjs')], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      TIANPING_BENCH_REAPER: JSON.stringify({ ...job, postgresModule: createRequire(import.meta.url).resolve('postgres') }),
    },
  });
  child.on('error', (err) => process.stderr.write(`bench: could not start the watchdog (${err.message}); cleanup relies on this process alone\n`));
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  return {
    release(cleaned) {
      if (!child.connected) return;
      if (cleaned) child.send('done');
      child.disconnect();
    },
  };
}
