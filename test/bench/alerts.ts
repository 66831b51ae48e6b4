/**
 * `npm run bench:alerts`: live incident alerts over graphql-ws — delivery latency, fan-out
 * correctness and the server's memory per subscribed connection.
 *
 * Sets up a fresh database (PGlite in a temporary directory, or a new PostgreSQL database when
 * BENCH_DATABASE_URL is set), then for each client count N (default 1000 and 5000):
 *   1. starts the real server as a child process (`node --import tsx server/main.ts`, its own
 *      process so its memory and CPU are its own) on 127.0.0.1 and a free port; the first start
 *      seeds the Chongqing demo, later starts reuse it. Waits for /healthz.
 *   2. signs in every demo user over HTTP and spreads the N clients over them round-robin (so over
 *      the tenant tree: root, districts, judicial offices, hotline, legal aid, law firm). Clients
 *      SHARE demo users (N/16 sockets per user), hence WS_MAX_SOCKETS_PER_USER is raised.
 *   3. reads the server's RSS (/proc/<pid>/status VmRSS), then opens N raw `ws` sockets speaking
 *      graphql-transport-ws, 200 at a time (each batch acked before the next), each subscribing
 *      `incidentAlerts`. Readiness is proven, not assumed: every tenant that has clients reports a
 *      warm-up incident (repeated until every client received its own tenant's one). Then RSS again:
 *      KiB per connection = (after - before) / N.
 *   4. five times in a row: longxi.staff (渝北区龙溪司法所) reports one incident over HTTP; the time
 *      just before sending is t0, each client notes when the REPORTED alert for that incident
 *      arrives. Entitled: clients whose user's tenant is 龙溪 or above it (cq, yubei, yubei-longxi).
 *      Waits until every entitled client has it (at most 30 s), then 1 s more, and counts entitled
 *      clients that never got it, duplicates, wrong payloads, and alerts that reached a client not
 *      entitled to them (violations).
 *   5. closes every client and stops the server.
 * Prints a table (stdout; progress goes to stderr) and writes it as JSON to
 * test/bench/results/alerts-<backend>-latest.json. The exit code is 1 when anything went wrong
 * (missed or leaked alerts, errors, sockets the server closed). Everything it made is removed at the
 * end, also on an error or SIGINT/SIGTERM; should this process be killed outright, the server child
 * exits on its own (its IPC channel closes) and ./reaper.cjs removes the data directory or database.
 *
 * Options:
 *   --clients 1000,5000  client counts, one server start each (also BENCH_ALERT_CLIENTS).
 *   --rounds 5           measured reports per client count.
 * Environment:
 *   BENCH_DATABASE_URL   PostgreSQL admin URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): the
 *                        run creates tianping_bench_<random> there and drops it (WITH (FORCE)) at the end.
 *
 * Latency is measured in this process (one thread) from t0 to the 'message' event of each socket:
 * it includes the HTTP mutation and its commit, NOTIFY, the hub's read and per-group execution,
 * the fan-out, and this process's own handling of the messages before it (so p99/max at large N
 * partly measure the client). On PGlite the database lives inside the server process, so its memory
 * and CPU are in the server's figures; on PostgreSQL they are not.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import WebSocket from 'ws';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, type DemoUser } from '../../seeds/demo-data.js';
import { withDatabase } from '../setup/global-postgres.js';
import { abort, BenchError, percentile, post, startWatchdog } from './measure.js';
import { LOGIN } from './scenarios.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const RESULTS_DIR = path.join(HERE, 'results');

const BATCH = 200;
const REPORTER = 'longxi.staff';
const DELIVERY_TIMEOUT_MS = 30_000;
const SETTLE_MS = 1_000;
const WARMUP_PLACE = 'bench warm-up';
const ROUND_PLACE = 'bench round';
const SUBSCRIPTION = 'subscription { incidentAlerts { cursor kind incident { id place severity tenant { name } } } }';
const REPORT = 'mutation BenchReport($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id } } }';

const TENANT_NAME = new Map(DEMO_TENANTS.map((t) => [t.slug, t.name]));
const PARENT = new Map(DEMO_TENANTS.map((t) => [t.slug, t.parent]));

/** The reporter's tenant and every tenant above it: who may see its alerts. */
function entitledSlugs(): Set<string> {
  const reporter = DEMO_USERS.find((u) => u.username === REPORTER);
  if (!reporter) throw new BenchError(`no demo user ${REPORTER}`);
  const out = new Set<string>();
  for (let s: string | null | undefined = reporter.tenant; s; s = PARENT.get(s)) out.add(s);
  return out;
}
const ENTITLED = entitledSlugs();
const REPORTER_TENANT = TENANT_NAME.get(DEMO_USERS.find((u) => u.username === REPORTER)!.tenant)!;

interface Options {
  adminUrl: string | undefined;
  clients: number[];
  rounds: number;
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const adminUrl = env.BENCH_DATABASE_URL || undefined;
  if (adminUrl && !/^postgres(ql)?:\/\//.test(adminUrl)) throw new BenchError('BENCH_DATABASE_URL must be a postgres:// URL');
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(clients|rounds)(?:=(.*))?$/.exec(a);
    if (!m) throw new BenchError(`unknown argument "${a}" (expected --clients 1000,5000 or --rounds 5)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new BenchError(`--${m[1]} needs a value`);
    flags.set(m[1]!, value);
  }
  const clientsRaw = flags.get('clients') ?? env.BENCH_ALERT_CLIENTS ?? '1000,5000';
  const clients = clientsRaw.split(',').map((s) => s.trim());
  if (clients.length === 0 || clients.some((s) => !/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 15_000)) {
    throw new BenchError(`--clients: expected counts from 1 to 15000 separated by commas, got "${clientsRaw}"`);
  }
  const roundsRaw = flags.get('rounds') ?? '5';
  if (!/^\d+$/.test(roundsRaw) || Number(roundsRaw) < 1 || Number(roundsRaw) > 100) throw new BenchError(`--rounds: expected 1 to 100, got "${roundsRaw}"`);
  return { adminUrl, clients: clients.map(Number), rounds: Number(roundsRaw) };
}

const launched = performance.now();

/** Progress goes to stderr (stdout holds only the report), stamped with the seconds since launch. */
function progress(line: string): void {
  process.stderr.write(`bench:alerts [${((performance.now() - launched) / 1000).toFixed(1)} s]: ${line}\n`);
}

function checkAbort(): void {
  if (abort.reason) throw abort.reason;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `cond` until it holds (true) or `ms` pass (false); stops at once on an abort. */
async function waitUntil(cond: () => boolean, ms: number, stepMs = 5): Promise<boolean> {
  const end = performance.now() + ms;
  for (;;) {
    checkAbort();
    if (cond()) return true;
    if (performance.now() >= end) return false;
    await sleep(stepMs);
  }
}


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server child

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * Preloaded into the server (harness, not product code): exits the server when this process goes
 * away (its IPC channel closes), however that happens; and answers 'bench:memory' with
 * process.memoryUsage() after a full GC (the child runs with --expose-gc), so the figures before and
 * after connecting are not an accident of when V8 last collected.
 */
const HARNESS = `data:text/javascript,${encodeURIComponent(
  [
    'if (process.channel) {',
    "  process.on('disconnect', () => process.exit(70));",
    "  process.on('message', (m) => { if (m === 'bench:memory') { globalThis.gc?.(); globalThis.gc?.(); process.send({ benchMemory: process.memoryUsage() }); } });",
    '  setImmediate(() => process.channel?.unref());',
    '}',
  ].join('\n'),
)}`;

interface ServerProcess {
  child: ChildProcess;
  pid: number;
  base: string;
  /** Warning and error log lines the server printed. */
  logLines: string[];
  exit: { code: number | null; signal: string | null } | null;
  exited: Promise<void>;
  stopping: boolean;
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', HARNESS, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    // Its own process group: a Ctrl-C in the terminal is this process's to handle, not the server's.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (!child.pid) throw new BenchError('could not start the server');
  const server: ServerProcess = {
    child,
    pid: child.pid,
    base: `http://127.0.0.1:${port}`,
    logLines: [],
    exit: null,
    exited: Promise.resolve(),
    stopping: false,
  };
  server.exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      server.exit = { code, signal };
      if (!server.stopping) abort.reason ??= new BenchError(`the server exited unexpectedly (code ${code}, signal ${signal})${tail(server)}`);
      resolve();
    });
  });
  // stdout: the start-up banner, then (LOG_LEVEL=warn) JSON log lines worth seeing; stderr: all of it.
  const onLines = (stream: NodeJS.ReadableStream | null, keep: (line: string) => boolean) => {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim() || !keep(line)) continue;
        server.logLines.push(line);
        if (server.logLines.length <= 50) process.stderr.write(`  server: ${line.slice(0, 400)}\n`);
        else if (server.logLines.length === 51) process.stderr.write('  server: (more lines; counted in the report)\n');
      }
    });
  };
  onLines(child.stdout, (line) => line.trimStart().startsWith('{'));
  onLines(child.stderr, () => true);

  const started = performance.now();
  const healthy = await (async () => {
    const end = performance.now() + 300_000;
    while (performance.now() < end) {
      checkAbort();
      try {
        const res = await fetch(`${server.base}/healthz`);
        const body = (await res.json()) as { status?: string };
        if (res.status === 200 && body.status === 'ok') return true;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    return false;
  })();
  if (!healthy) throw new BenchError(`the server did not answer /healthz within 300 s${tail(server)}`);
  progress(`server pid ${server.pid} at ${server.base} healthy after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return server;
}

function tail(server: ServerProcess): string {
  return server.logLines.length ? `; its last lines:\n${server.logLines.slice(-10).join('\n')}` : '';
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.exit) return;
  server.stopping = true;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(timer);
}

interface Memory {
  /** /proc/<pid>/status VmRSS, after a full GC. */
  rssKiB: number;
  /** V8 heap in use + memory outside it (Buffers, WASM memory is in neither), after the GC. */
  heapUsedKiB: number;
  externalKiB: number;
}

/** Asks the server's harness for a GC and its memory figures, then reads VmRSS. */
async function serverMemory(server: ServerProcess): Promise<Memory> {
  const usage = await new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
    const timer = setTimeout(() => {
      server.child.off('message', onMessage);
      reject(new BenchError('the server did not report its memory within 30 s'));
    }, 30_000);
    const onMessage = (m: unknown) => {
      const memory = (m as { benchMemory?: NodeJS.MemoryUsage } | null)?.benchMemory;
      if (!memory) return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve(memory);
    };
    server.child.on('message', onMessage);
    server.child.send('bench:memory');
  });
  return { rssKiB: rssKiB(server.pid), heapUsedKiB: Math.round(usage.heapUsed / 1024), externalKiB: Math.round(usage.external / 1024) };
}

function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new BenchError(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/** User + system CPU of the process so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Waits until the server spends under 10% of a core over half a second (bounded). */
async function serverQuiet(pid: number, ms: number): Promise<void> {
  const end = performance.now() + ms;
  let before = cpuMs(pid);
  while (performance.now() < end) {
    await sleep(500);
    checkAbort();
    const now = cpuMs(pid);
    if (now - before <= 50) return;
    before = now;
  }
}

// ---------------------------------------------------------------------------------------------
// The clients

interface Received {
  id: string | null;
  kind: string;
  tenant: string | null;
  place: string | null;
  at: number;
}

interface Client {
  index: number;
  user: DemoUser;
  tenantName: string;
  entitled: boolean;
  ws: WebSocket;
  acked: boolean;
  ready: boolean;
  /** Alerts of the measured rounds (warm-ups only mark `ready`). */
  alerts: Received[];
  closed: { code: number; reason: string } | null;
  problems: string[];
}

interface Fleet {
  clients: Client[];
  acked: number;
  ready: number;
  closing: boolean;
  lastMessageAt: number;
  /** Entitled clients that have the REPORTED alert of an incident, by incident id. */
  reportedBy: Map<string, number>;
  /** Closes, socket errors, error messages and protocol surprises, with how often each happened. */
  problems: Map<string, number>;
}

function noteProblem(fleet: Fleet, client: Client, what: string) {
  client.problems.push(what);
  fleet.problems.set(what, (fleet.problems.get(what) ?? 0) + 1);
}

function openClient(fleet: Fleet, wsUrl: string, index: number, user: DemoUser, token: string): Client {
  const ws = new WebSocket(wsUrl, 'graphql-transport-ws', { perMessageDeflate: false });
  const client: Client = {
    index,
    user,
    tenantName: TENANT_NAME.get(user.tenant)!,
    entitled: ENTITLED.has(user.tenant),
    ws,
    acked: false,
    ready: false,
    alerts: [],
    closed: null,
    problems: [],
  };
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
  ws.on('message', (data) => {
    const at = performance.now();
    fleet.lastMessageAt = at;
    let msg: { type?: string; id?: string; payload?: any };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return noteProblem(fleet, client, 'a message that is not JSON');
    }
    switch (msg.type) {
      case 'connection_ack':
        client.acked = true;
        fleet.acked++;
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        return;
      case 'next': {
        const payload = msg.payload ?? {};
        if (payload.errors?.length) {
          const e = payload.errors[0];
          return noteProblem(fleet, client, `next with errors: ${e?.message} [${e?.extensions?.code ?? '-'}]`);
        }
        const alert = payload.data?.incidentAlerts;
        if (!alert) return noteProblem(fleet, client, 'next without data.incidentAlerts');
        const r: Received = {
          id: alert.incident?.id ?? null,
          kind: alert.kind,
          tenant: alert.incident?.tenant?.name ?? null,
          place: alert.incident?.place ?? null,
          at,
        };
        if (r.place?.startsWith(WARMUP_PLACE)) {
          if (!client.ready && r.tenant === client.tenantName) {
            client.ready = true;
            fleet.ready++;
          }
          return;
        }
        if (client.entitled && r.kind === 'REPORTED' && r.id && !client.alerts.some((a) => a.id === r.id && a.kind === 'REPORTED')) {
          fleet.reportedBy.set(r.id, (fleet.reportedBy.get(r.id) ?? 0) + 1);
        }
        client.alerts.push(r);
        return;
      }
      case 'error':
        return noteProblem(fleet, client, `error message: ${JSON.stringify(msg.payload).slice(0, 200)}`);
      case 'complete':
        return noteProblem(fleet, client, 'the server completed the subscription');
      case 'ping':
        ws.send(JSON.stringify({ type: 'pong' }));
        return;
      case 'pong':
        return;
      default:
        return noteProblem(fleet, client, `unexpected message type ${msg.type}`);
    }
  });
  ws.on('error', (err) => noteProblem(fleet, client, `socket error: ${err.message}`));
  ws.on('close', (code, reason) => {
    client.closed = { code, reason: reason.toString() };
    if (!fleet.closing) noteProblem(fleet, client, `closed by the server: ${code} ${reason.toString()}`.trim());
  });
  return client;
}

async function closeFleet(fleet: Fleet): Promise<void> {
  fleet.closing = true;
  for (const c of fleet.clients) {
    if (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING) c.ws.close(1000, 'bench done');
  }
  const end = performance.now() + 10_000;
  while (performance.now() < end && fleet.clients.some((c) => c.ws.readyState !== WebSocket.CLOSED)) await sleep(50);
  for (const c of fleet.clients) if (c.ws.readyState !== WebSocket.CLOSED) c.ws.terminate();
}

// ---------------------------------------------------------------------------------------------
// One client count

interface RoundResult {
  round: number;
  entitled: number;
  received: number;
  missed: number;
  duplicates: number;
  wrongPayload: number;
  violations: number;
  httpMs: number;
  latencyMs: { first: number; p50: number; p99: number; max: number };
  serverCpuMs: number;
}

interface RunResult {
  clients: number;
  users: number;
  entitled: number;
  connectSeconds: number;
  warmupRounds: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  rssDeltaKiB: number;
  /** RSS delta / N. */
  kibPerConnection: number;
  heapUsedBeforeKiB: number;
  heapUsedAfterKiB: number;
  externalBeforeKiB: number;
  externalAfterKiB: number;
  /** (heapUsed + external) delta / N. */
  heapKibPerConnection: number;
  serverCpuConnectMs: number;
  clientRssAfterKiB: number;
  rounds: RoundResult[];
  overall: { received: number; missed: number; duplicates: number; wrongPayload: number; violations: number; latencyMs: { p50: number; p99: number; max: number } };
  problems: Record<string, number>;
  serverLogLines: number;
}

function report(place: string) {
  return {
    query: REPORT,
    variables: {
      i: {
        category: 'OFFICE_DISRUPTION',
        severity: 'IV',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        place,
        peopleCount: 0,
        description: 'bench:alerts synthetic incident',
        actionsTaken: 'none (benchmark)',
      },
    },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

async function runCount(n: number, rounds: number, env: Record<string, string>, cleanups: { what: string; run: () => Promise<void> | void }[]): Promise<RunResult> {
  progress(`--- N = ${n} ---`);
  const server = await startServer({ ...env, WS_MAX_SOCKETS: String(Math.max(20_000, n + 1000)) });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServer(server);
  };
  cleanups.push({ what: `stop the server (pid ${server.pid})`, run: stop });
  const fleet: Fleet = { clients: [], acked: 0, ready: 0, closing: false, lastMessageAt: 0, reportedBy: new Map(), problems: new Map() };
  cleanups.push({ what: `close the ${n} clients`, run: () => closeFleet(fleet) });
  try {
    const url = `${server.base}/graphql`;
    const wsUrl = `${url.replace('http', 'ws')}`;

    // Sign in every demo user in use (clients share them round-robin).
    const users = DEMO_USERS.slice(0, Math.min(n, DEMO_USERS.length));
    const tokens = new Map<string, string>();
    for (const u of users) {
      const data = await post(url, `login ${u.username}`, { query: LOGIN, variables: { u: u.username, p: DEMO_PASSWORD } }, null, (d) => {
        if (typeof d.login?.token !== 'string') throw new Error('no token');
      });
      tokens.set(u.username, data.login.token as string);
    }
    if (!tokens.has(REPORTER)) {
      const data = await post(url, `login ${REPORTER}`, { query: LOGIN, variables: { u: REPORTER, p: DEMO_PASSWORD } }, null);
      tokens.set(REPORTER, data.login.token as string);
    }

    // Memory before any socket.
    await sleep(1000);
    await serverQuiet(server.pid, 10_000);
    const before = await serverMemory(server);
    const cpuBefore = cpuMs(server.pid);

    // Connect, BATCH at a time, each batch acked before the next.
    const t0 = performance.now();
    for (let from = 0; from < n; from += BATCH) {
      checkAbort();
      const to = Math.min(n, from + BATCH);
      for (let i = from; i < to; i++) {
        const user = users[i % users.length]!;
        fleet.clients.push(openClient(fleet, wsUrl, i, user, tokens.get(user.username)!));
      }
      const batch = fleet.clients.slice(from, to);
      const ok = await waitUntil(() => batch.every((c) => c.acked || c.closed), 60_000, 10);
      const failed = batch.filter((c) => !c.acked);
      if (!ok || failed.length) {
        const why = failed[0]?.problems.join('; ') || 'no connection_ack within 60 s';
        throw new BenchError(`${failed.length} of clients ${from}..${to - 1} were not acknowledged (first: ${failed[0]?.user.username}: ${why})`);
      }
      if (to % 1000 === 0 || to === n) progress(`${to}/${n} sockets acknowledged`);
    }
    const connectSeconds = (performance.now() - t0) / 1000;

    // Subscribed? Let the server work through the subscribe messages, then prove it: a warm-up
    // incident from every tenant with clients, repeated until each client received its own.
    await serverQuiet(server.pid, 120_000);
    const reporters = new Map<string, DemoUser>();
    for (const u of users) if (!reporters.has(u.tenant)) reporters.set(u.tenant, u);
    let warmupRounds = 0;
    const warmupEnd = performance.now() + 60_000 + n * 30;
    while (fleet.ready < n) {
      checkAbort();
      if (performance.now() > warmupEnd) {
        const late = fleet.clients.filter((c) => !c.ready);
        throw new BenchError(
          `${late.length} of ${n} clients never received their tenant's warm-up alert after ${warmupRounds} rounds ` +
            `(first: client ${late[0]!.index}, ${late[0]!.user.username}${late[0]!.problems.length ? `: ${late[0]!.problems.join('; ')}` : ''})`,
        );
      }
      warmupRounds++;
      for (const [slug, u] of reporters) {
        await post(url, `warm-up report by ${u.username}`, report(`${WARMUP_PLACE} ${warmupRounds} ${slug}`), tokens.get(u.username)!, (d) => {
          if (typeof d.reportIncident?.incident?.id !== 'string') throw new Error('no incident id');
        });
      }
      await waitUntil(() => fleet.ready >= n, 10_000, 20);
      progress(`warm-up round ${warmupRounds}: ${fleet.ready}/${n} clients subscribed and receiving`);
    }
    // Let the last warm-up alerts drain (no message for 500 ms, at most 30 s).
    await waitUntil(() => performance.now() - fleet.lastMessageAt > 500, 30_000, 50);
    await serverQuiet(server.pid, 30_000);
    const serverCpuConnectMs = cpuMs(server.pid) - cpuBefore;
    const after = await serverMemory(server);
    const clientRssAfterKiB = Math.round(process.memoryUsage().rss / 1024);
    const entitled = fleet.clients.filter((c) => c.entitled);
    progress(
      `all ${n} subscribed in ${connectSeconds.toFixed(1)} s (+ ${warmupRounds} warm-up round(s)); server RSS ${(before.rssKiB / 1024).toFixed(1)} → ${(after.rssKiB / 1024).toFixed(1)} MiB, heap ${(before.heapUsedKiB / 1024).toFixed(1)} → ${(after.heapUsedKiB / 1024).toFixed(1)} MiB; ${entitled.length} entitled to ${REPORTER}'s alerts`,
    );
    if (fleet.problems.size) progress(`problems so far: ${JSON.stringify(Object.fromEntries(fleet.problems))}`);

    // The measured reports.
    const results: RoundResult[] = [];
    const allLatencies: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      checkAbort();
      const place = `${ROUND_PLACE} ${r} N=${n}`;
      const cpu0 = cpuMs(server.pid);
      const sentAt = performance.now();
      const data = await post(url, `report by ${REPORTER}`, report(place), tokens.get(REPORTER)!, (d) => {
        if (typeof d.reportIncident?.incident?.id !== 'string') throw new Error('no incident id');
      });
      const httpMs = performance.now() - sentAt;
      const id = data.reportIncident.incident.id as string;
      await waitUntil(() => (fleet.reportedBy.get(id) ?? 0) >= entitled.length, Math.max(0, sentAt + DELIVERY_TIMEOUT_MS - performance.now()), 2);
      await sleep(SETTLE_MS);
      checkAbort();
      const serverCpuMs = cpuMs(server.pid) - cpu0;

      const latencies: number[] = [];
      let missed = 0;
      let duplicates = 0;
      let wrongPayload = 0;
      let violations = 0;
      for (const c of fleet.clients) {
        const mine = c.alerts.filter((a) => a.id === id);
        if (!c.entitled) {
          if (mine.length) violations++;
          continue;
        }
        const reported = mine.filter((a) => a.kind === 'REPORTED');
        const first = reported[0];
        if (!first || first.at - sentAt > DELIVERY_TIMEOUT_MS) {
          missed++;
          continue;
        }
        if (reported.length > 1) duplicates++;
        if (mine.length !== 1 || first.tenant !== REPORTER_TENANT || first.place !== place) wrongPayload++;
        latencies.push(first.at - sentAt);
      }
      // Forget this round's alerts (keeps the next round's scans short).
      for (const c of fleet.clients) if (c.alerts.length) c.alerts = c.alerts.filter((a) => a.id !== id);
      allLatencies.push(...latencies);
      const sorted = Float64Array.from(latencies).sort();
      const result: RoundResult = {
        round: r,
        entitled: entitled.length,
        received: latencies.length,
        missed,
        duplicates,
        wrongPayload,
        violations,
        httpMs: round2(httpMs),
        latencyMs: {
          first: round2(sorted[0] ?? Number.NaN),
          p50: round2(percentile(sorted, 50)),
          p99: round2(percentile(sorted, 99)),
          max: round2(sorted[sorted.length - 1] ?? Number.NaN),
        },
        serverCpuMs: Math.round(serverCpuMs),
      };
      results.push(result);
      progress(
        `round ${r}: ${result.received}/${result.entitled} entitled got it, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms; ` +
          `missed ${missed}, violations ${violations}, duplicates ${duplicates}, wrong payload ${wrongPayload}`,
      );
      await waitUntil(() => performance.now() - fleet.lastMessageAt > 200, 5_000, 20);
    }

    const sortedAll = Float64Array.from(allLatencies).sort();
    const sum = (k: 'received' | 'missed' | 'duplicates' | 'wrongPayload' | 'violations') => results.reduce((a, r) => a + r[k], 0);
    const rssDelta = after.rssKiB - before.rssKiB;
    const heapDelta = after.heapUsedKiB + after.externalKiB - before.heapUsedKiB - before.externalKiB;
    const result: RunResult = {
      clients: n,
      users: users.length,
      entitled: entitled.length,
      connectSeconds: round2(connectSeconds),
      warmupRounds,
      rssBeforeKiB: before.rssKiB,
      rssAfterKiB: after.rssKiB,
      rssDeltaKiB: rssDelta,
      kibPerConnection: round2(rssDelta / n),
      heapUsedBeforeKiB: before.heapUsedKiB,
      heapUsedAfterKiB: after.heapUsedKiB,
      externalBeforeKiB: before.externalKiB,
      externalAfterKiB: after.externalKiB,
      heapKibPerConnection: round2(heapDelta / n),
      serverCpuConnectMs: Math.round(serverCpuConnectMs),
      clientRssAfterKiB,
      rounds: results,
      overall: {
        received: sum('received'),
        missed: sum('missed'),
        duplicates: sum('duplicates'),
        wrongPayload: sum('wrongPayload'),
        violations: sum('violations'),
        latencyMs: {
          p50: round2(percentile(sortedAll, 50)),
          p99: round2(percentile(sortedAll, 99)),
          max: round2(sortedAll[sortedAll.length - 1] ?? Number.NaN),
        },
      },
      problems: Object.fromEntries(fleet.problems),
      serverLogLines: server.logLines.length,
    };
    return result;
  } finally {
    await closeFleet(fleet);
    // Sockets the server closed while we closed ours are not its fault; anything before is counted.
    await stop();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`bench:alerts: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const backend = options.adminUrl ? 'postgres' : 'pglite';
  const cleanups: { what: string; run: () => Promise<void> | void }[] = [];
  let failed = false;
  let cleanupFailed = false;
  let watchdog: { release(cleaned: boolean): void } | null = null;
  const runs: RunResult[] = [];
  try {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      HOST: '127.0.0.1',
      METRICS_PORT: '-1',
      LOG_LEVEL: 'warn',
      JOBS_INTERVAL_SECONDS: '0',
      // Clients share the 16 demo users: up to N/16 sockets each.
      WS_MAX_SOCKETS_PER_USER: '100000',
    };
    if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
    if (options.adminUrl) {
      const name = `tianping_bench_${randomBytes(4).toString('hex')}`;
      watchdog = startWatchdog({ adminUrl: options.adminUrl, database: name });
      const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
      cleanups.push({ what: 'close the admin connection', run: () => admin.end({ timeout: 5 }) });
      await admin.unsafe(`create database ${name}`);
      cleanups.push({ what: `drop database ${name}`, run: async () => void (await admin.unsafe(`drop database if exists ${name} with (force)`)) });
      env.DATABASE_URL = withDatabase(options.adminUrl, name);
      env.SEED_DEMO = '1';
      progress(`PostgreSQL database ${name}`);
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tianping-bench-alerts-'));
      watchdog = startWatchdog({ dir });
      cleanups.push({ what: `remove ${dir}`, run: () => rmSync(dir, { recursive: true, force: true }) });
      env.DATA_DIR = dir;
      progress(`PGlite in ${dir}`);
    }

    // The first start migrates and seeds the demo; the measured starts come after, so their memory
    // figures owe nothing to the seeding.
    progress('first start: migrating and seeding the Chongqing demo');
    const seeding = await startServer(env);
    cleanups.push({ what: 'stop the seeding server', run: () => stopServer(seeding) });
    await stopServer(seeding);
    cleanups.pop();

    const startedAt = new Date();
    for (const n of options.clients) {
      checkAbort();
      const mark = cleanups.length;
      runs.push(await runCount(n, options.rounds, env, cleanups));
      // runCount stopped its server and closed its clients; drop those steps.
      cleanups.splice(mark);
    }

    const report = {
      benchmark: 'alerts',
      backend,
      startedAt: startedAt.toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      reporter: REPORTER,
      entitledTenants: [...ENTITLED],
      rounds: options.rounds,
      notes: notes(backend),
      runs,
    };
    process.stdout.write(table(report.backend, report, runs));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `alerts-${backend}-latest.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
    const bad = runs.filter((r) => r.overall.missed || r.overall.violations || r.overall.duplicates || r.overall.wrongPayload || Object.keys(r.problems).length);
    if (bad.length) {
      failed = true;
      process.stderr.write(`\nbench:alerts: the server misbehaved at N = ${bad.map((r) => r.clients).join(', ')} (see the table)\n`);
    }
  } catch (err) {
    failed = true;
    const e = err as Error;
    process.stderr.write(`\nbench:alerts failed: ${e instanceof BenchError ? e.message : (e?.stack ?? String(err))}\n`);
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c.run();
      } catch (err) {
        failed = true;
        cleanupFailed = true;
        process.stderr.write(`bench:alerts: could not ${c.what}: ${(err as Error).message}\n`);
      }
    }
    watchdog?.release(!cleanupFailed);
  }
  progress(`${failed ? 'failed' : 'done'}; ${cleanupFailed ? 'cleanup incomplete (the watchdog retries it)' : 'cleaned up'}`);
  if (failed) process.exitCode = 1;
}

function notes(backend: 'pglite' | 'postgres'): string[] {
  return [
    `Clients share the ${DEMO_USERS.length} demo users round-robin (WS_MAX_SOCKETS_PER_USER raised); entitled = clients of a user in ${[...ENTITLED].join(', ')} (${REPORTER}'s tenant and above).`,
    'Latency: t0 just before the reportIncident POST, to the arrival of the REPORTED alert at each entitled socket, measured in the benchmark process (one thread: later sockets also wait for it to handle earlier ones). Nearest-rank percentiles; "all" pools every round.',
    'Missed: entitled and no alert within 30 s. Leaked: an alert for the incident reached a client not entitled to it (checked 1 s after the last entitled one got it). Dup/bad: an entitled client got it twice / with the wrong place or tenant.',
    'Memory: the server child (a fresh process per N; the demo was seeded by an earlier start) after signing in, before any socket, and after all N are subscribed and the warm-up alerts delivered, each time after a full GC (harness preload, --expose-gc). KiB/conn = VmRSS delta / N (includes allocator slack); heap KiB/conn = (V8 heapUsed + external) delta / N.',
    'Server CPU: /proc/<pid>/stat user + system of the server child: "connect" covers connecting, subscribing and the warm-ups; per round from sending to 1 s after the last entitled delivery.',
    backend === 'pglite'
      ? 'PGlite runs inside the server process (WASM): its memory and CPU are included.'
      : "PostgreSQL runs in its own processes: the database's memory and CPU are NOT included.",
  ];
}

function render(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function table(backend: string, meta: { node: string; cpus: number; notes: string[] }, runs: RunResult[]): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const perRound = render(
    ['N', 'round', 'entitled', 'got', 'missed', 'leaked', 'dup/bad', 'first ms', 'p50 ms', 'p99 ms', 'max ms', 'POST ms', 'srv CPU ms'],
    runs.flatMap((run) =>
      run.rounds.map((r) => [
        String(run.clients),
        String(r.round),
        String(r.entitled),
        String(r.received),
        String(r.missed),
        String(r.violations),
        `${r.duplicates}/${r.wrongPayload}`,
        f(r.latencyMs.first),
        f(r.latencyMs.p50),
        f(r.latencyMs.p99),
        f(r.latencyMs.max),
        f(r.httpMs),
        String(r.serverCpuMs),
      ]),
    ),
  );
  const summary = render(
    ['N', 'entitled', 'missed', 'leaked', 'p50 ms', 'p99 ms', 'max ms', 'RSS before MiB', 'RSS after MiB', 'delta MiB', 'KiB/conn', 'heap KiB/conn', 'connect s', 'srv CPU connect s', 'srv CPU/round ms'],
    runs.map((r) => [
      String(r.clients),
      String(r.entitled),
      String(r.overall.missed),
      String(r.overall.violations),
      f(r.overall.latencyMs.p50),
      f(r.overall.latencyMs.p99),
      f(r.overall.latencyMs.max),
      f(r.rssBeforeKiB / 1024),
      f(r.rssAfterKiB / 1024),
      f(r.rssDeltaKiB / 1024),
      f(r.kibPerConnection),
      f(r.heapKibPerConnection),
      f(r.connectSeconds),
      (r.serverCpuConnectMs / 1000).toFixed(1),
      String(Math.round(r.rounds.reduce((a, x) => a + x.serverCpuMs, 0) / Math.max(1, r.rounds.length))),
    ]),
  );
  const out = [
    '',
    `Tianping bench:alerts: ${backend}, node ${meta.node}, ${meta.cpus} CPUs; ${REPORTER} reports, graphql-ws incidentAlerts subscribers`,
    '',
    'Per round:',
    ...perRound,
    '',
    'Summary (latency over all rounds):',
    ...summary,
    '',
  ];
  for (const r of runs) {
    const problems = Object.entries(r.problems);
    if (problems.length) out.push(`N = ${r.clients}: client-side problems: ${problems.map(([k, v]) => `${v}× ${k}`).join('; ')}`);
    if (r.serverLogLines) out.push(`N = ${r.clients}: the server logged ${r.serverLogLines} warning/error line(s) (see stderr)`);
    if (r.warmupRounds > 1) out.push(`N = ${r.clients}: ${r.warmupRounds} warm-up rounds were needed before every client received alerts`);
  }
  for (const n of meta.notes) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals++;
    if (signals > 1) process.exit(130);
    progress(`${signal}: stopping, then cleaning up (again to quit at once)`);
    abort.reason ??= new BenchError(`interrupted by ${signal}`);
  });
}

await main();
