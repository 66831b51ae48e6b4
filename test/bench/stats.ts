/**
 * `npm run bench:stats`: the GraphQL `statistics` query on a large city (`npm run seed:large`).
 *
 * Opens the database named by BENCH_DATABASE_URL (a postgres:// URL of a database seed:large
 * loaded) or BENCH_DATA_DIR (a PGlite data directory it loaded); refuses without one. Nothing is
 * created or dropped; the database is migrated (as a server start would) and only read otherwise.
 * Starts the real HTTP server in this process (127.0.0.1, a free port, production settings, no
 * background jobs), signs in as city.admin (password 'tianping-large', BENCH_STATS_USER and
 * BENCH_STATS_PASSWORD to change), and for each scenario sends the `statistics` query with every
 * field the schema offers (built from the schema itself, `previous` period included): a warm-up,
 * then BENCH_STATS_RUNS (default 10) requests one after the other; p50/p90/max latency. Every
 * response is checked (no errors; the received total equals a direct count of the cases table).
 *
 * Then the same SQL directly: the raw statements one request ran (recorded from the request's
 * transaction, whatever server/usecases/stats/ makes of the query), each run again in the app's own
 * role and row-level security, and EXPLAIN (ANALYZE, BUFFERS) of each — with PostgreSQL's JIT as
 * configured and with it off — so the table shows where the time goes. On PostgreSQL the GraphQL
 * timings are taken twice: on connections as configured, and with `jit=off` in the URL.
 *
 * Scenarios (BENCH_STATS_DATE, default 2026-10-15, picks the month and year): the root's month
 * and year over its whole subtree, a district's month over its subtree (渝北), a judicial office's
 * month (its own cases), and contactCompliance for the root's month over its subtree.
 * Prints a table (stdout; progress on stderr) and writes test/bench/results/stats-<backend>-latest.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import { getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType, type GraphQLObjectType } from 'graphql';
import { LARGE_PASSWORD } from '../../seeds/large-city.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase, rowsOf, type Database } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrate.js';
import { withTenant } from '../../server/db/with-tenant.js';
import { periodOf, type Period } from '../../server/domain/stats/periods.js';
import { schema } from '../../server/graphql/schema.js';
import { BenchError, percentile, post } from './measure.js';
import { LOGIN } from './scenarios.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, 'results');
const launched = performance.now();
const progress = (line: string) => process.stderr.write(`bench:stats [${((performance.now() - launched) / 1000).toFixed(1)} s]: ${line}\n`);

const REFUSAL = `bench:stats measures the statistics query on a large city; give it one:

  createdb tianping_large        # or: psql -c 'create database tianping_large'
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/tianping_large JWT_SECRET=<32+ characters> \\
    npm run seed:large -- --cases 1000000
  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tianping_large npm run bench:stats

(or, smaller, on PGlite: DATA_DIR=/tmp/large npm run seed:large -- --cases 20000, then BENCH_DATA_DIR=/tmp/large npm run bench:stats)
`;

interface Scenario {
  name: string;
  /** GraphQL field: statistics or contactCompliance. */
  field: 'statistics' | 'contactCompliance';
  tenantSlug: string;
  subtree: boolean;
  kind: 'MONTH' | 'YEAR';
}

interface Timing {
  p50: number;
  p90: number;
  max: number;
  runs: number;
}

interface StatementReport {
  /** The statement's first words. */
  name: string;
  /** Its time inside the captured request (a request's statements share one connection and wait for each other, so these overlap). */
  inRequestMs: number;
  direct: Timing;
  explain: { executionMs: number; planningMs: number; jitMs: number | null; rows: number; plan: unknown };
  explainNoJit: { executionMs: number; planningMs: number };
}

type ExplainJson = { Plan: { 'Actual Rows': number }; 'Planning Time': number; 'Execution Time': number; JIT?: { Timing?: { Total?: number } } };

/** Statements run through `tx.execute` (the raw SQL: aggregates, roll-ups), recorded while `on`. */
interface Recorder {
  on: boolean;
  calls: { q: SQL; label: string; ms: number }[];
}

const labelOf = (q: SQL, db: Database['db']): string => {
  const text = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect.sqlToQuery(q).sql;
  return text.replace(/\s+/g, ' ').trim().slice(0, 48);
};

/**
 * The owner database with every transaction's `execute` timed and recorded (the app runs each
 * request in one transaction: server/db/with-tenant.ts). Builder queries (select().from()) are not
 * recorded; they are the small lookups.
 */
function recording(db: Database['db'], recorder: Recorder): Database['db'] {
  const wrapTx = <T extends object>(tx: T): T =>
    new Proxy(tx, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'execute') {
          return async (q: SQL) => {
            const t0 = performance.now();
            const result = await (value as (q: SQL) => Promise<unknown>).call(target, q);
            if (recorder.on && typeof q === 'object') recorder.calls.push({ q, label: labelOf(q, db), ms: performance.now() - t0 });
            return result;
          };
        }
        if (prop === 'transaction') return (fn: (tx: T) => Promise<unknown>, cfg?: unknown) => (value as (f: unknown, c?: unknown) => Promise<unknown>).call(target, (inner: T) => fn(wrapTx(inner)), cfg);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'transaction') return (fn: (tx: object) => Promise<unknown>, cfg?: unknown) => (value as (f: unknown, c?: unknown) => Promise<unknown>).call(target, (tx: object) => fn(wrapTx(tx)), cfg);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const timing = (ms: number[]): Timing => {
  const sorted = Float64Array.from(ms).sort();
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), max: round(sorted[sorted.length - 1] ?? 0), runs: ms.length };
};

/** Every field of a type, nested types expanded (Node types: their id and name only; `previous` once). */
function selectionOf(type: GraphQLObjectType, inPrevious = false): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const args = f.args.some((a) => a.name === 'first') ? '(first: 50)' : '';
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(`${f.name}${args}`);
    else if (isObjectType(named)) {
      if (f.name === 'previous') {
        if (!inPrevious) parts.push(`previous ${selectionOf(named, true)}`);
      } else if (named.getInterfaces().some((i) => i.name === 'Node')) {
        const own = named.getFields();
        parts.push(`${f.name}${args} { ${['id', 'name', 'username'].filter((n) => n in own).join(' ')} }`);
      } else parts.push(`${f.name}${args} ${selectionOf(named, inPrevious)}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

function queryFor(field: Scenario['field']): string {
  const root = schema.getQueryType()!.getFields()[field];
  if (!root) throw new BenchError(`the schema has no Query.${field} yet`);
  const sel = selectionOf(getNamedType(root.type) as GraphQLObjectType);
  return field === 'statistics'
    ? `query BenchStatistics($tenantId: ID, $subtree: Boolean, $period: StatisticsPeriodInput!) { statistics(tenantId: $tenantId, subtree: $subtree, period: $period) ${sel} }`
    : `query BenchContacts($tenantId: ID, $subtree: Boolean, $from: Date!, $to: Date!) { contactCompliance(tenantId: $tenantId, subtree: $subtree, from: $from, to: $to) ${sel} }`;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL?.trim();
  const dir = process.env.BENCH_DATA_DIR?.trim();
  if (!url && !dir) {
    process.stderr.write(REFUSAL);
    process.exitCode = 2;
    return;
  }
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new BenchError('BENCH_DATABASE_URL must be a postgres:// URL');
  const runs = Number(process.env.BENCH_STATS_RUNS ?? 10);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new BenchError('BENCH_STATS_RUNS: a whole number from 1 to 1000');
  const date = process.env.BENCH_STATS_DATE ?? '2026-10-15';
  const username = process.env.BENCH_STATS_USER ?? 'city.admin';
  const password = process.env.BENCH_STATS_PASSWORD ?? LARGE_PASSWORD;

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'silent',
    METRICS_PORT: '-1',
    STATEMENT_TIMEOUT_MS: '120000',
    ...(url ? { DATABASE_URL: url } : { DATA_DIR: dir! }),
  };
  const config = loadConfig(env);
  const backend = config.database.kind;
  const database: Database = await openDatabase(config);
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  try {
    await migrate(database);
    const [city] = rowsOf<{ root: string | null; cases: number; admin: string | null }>(
      await database.db.execute(sql`select (select id from tenants where parent_id is null) as root,
        (select reltuples::bigint from pg_class where relname = 'cases')::int as cases,
        (select id from users where username = ${username}) as admin`),
    );
    if (!city?.root || !city.admin) throw new BenchError(`no large city here (no root tenant or no user ${username}): run npm run seed:large first\n\n${REFUSAL}`);
    progress(`${backend}: about ${city.cases.toLocaleString('en-US')} cases`);

    const recorder: Recorder = { on: false, calls: [] };
    const app = buildApp(config, { ...database, db: recording(database.db, recorder) });
    const { url: base } = await app.start(0, '127.0.0.1');
    cleanups.unshift(() => app.stop());
    const gql = `${base}/graphql`;
    const login = await post(gql, 'login', { query: LOGIN, variables: { u: username, p: password } }, null, (d) => {
      if (typeof d.login?.token !== 'string') throw new Error('no token');
    });
    const token = login.login.token as string;
    const servers = [{ label: 'as configured', gql, token }];
    if (url && !new URL(url).searchParams.has('jit')) {
      // The same server on connections with PostgreSQL's JIT off (postgres.js passes unknown URL
      // parameters at connection start): plans estimated over a million rows are otherwise compiled.
      const noJit = new URL(url);
      noJit.searchParams.set('jit', 'off');
      const db2 = await openDatabase(loadConfig({ ...env, DATABASE_URL: noJit.toString() }));
      cleanups.push(() => db2.close());
      const app2 = buildApp(config, db2);
      const started2 = await app2.start(0, '127.0.0.1');
      cleanups.unshift(() => app2.stop());
      const gql2 = `${started2.url}/graphql`;
      const login2 = await post(gql2, 'login (jit off)', { query: LOGIN, variables: { u: username, p: password } }, null);
      servers.push({ label: 'jit=off', gql: gql2, token: login2.login.token as string });
    }

    const scenarios: Scenario[] = [
      { name: 'root month, subtree', field: 'statistics', tenantSlug: 'cq', subtree: true, kind: 'MONTH' },
      { name: 'root year, subtree', field: 'statistics', tenantSlug: 'cq', subtree: true, kind: 'YEAR' },
      { name: 'district month, subtree (yubei)', field: 'statistics', tenantSlug: 'yubei', subtree: true, kind: 'MONTH' },
      { name: 'judicial office month (yubei-so01)', field: 'statistics', tenantSlug: 'yubei-so01', subtree: false, kind: 'MONTH' },
      { name: 'contactCompliance root month, subtree', field: 'contactCompliance', tenantSlug: 'cq', subtree: true, kind: 'MONTH' },
    ];
    const ids = new Map<string, { global: string; uuid: string }>();
    for (const slug of new Set(scenarios.map((s) => s.tenantSlug))) {
      const d = await post(gql, `tenant ${slug}`, { query: 'query T($s: String!) { tenant(slug: $s) { id } }', variables: { s: slug } }, token);
      const [row] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from tenants where slug = ${slug}`));
      if (!d.tenant?.id || !row) throw new BenchError(`no tenant ${slug} in this city`);
      ids.set(slug, { global: d.tenant.id as string, uuid: row.id });
    }
    const viewer = { tenantId: city.root, userId: city.admin };
    const tx = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[3]>[0]) => Promise<T>) =>
      withTenant(database.db, viewer, { readOnly: true, statementTimeoutMs: 120_000, idleInTransactionTimeoutMs: 120_000 }, fn);

    const results: { scenario: Scenario; query: string; period: Period; graphql: Record<string, Timing>; total: number | null; sqlTotal: Timing | null; statements: StatementReport[] }[] = [];
    for (const s of scenarios) {
      const period = periodOf({ kind: s.kind, date });
      const id = ids.get(s.tenantSlug)!;
      let query: string;
      try {
        query = queryFor(s.field);
      } catch (err) {
        progress(`${s.name}: skipped (${(err as Error).message})`);
        continue;
      }
      const variables = s.field === 'statistics'
        ? { tenantId: id.global, subtree: s.subtree, period: { kind: s.kind, date } }
        : { tenantId: id.global, subtree: s.subtree, from: period.from, to: period.to };
      let total: number | null = null;
      const graphql: Record<string, Timing> = {};
      for (const server of servers) {
        const once = async () => {
          const t0 = performance.now();
          const data = await post(server.gql, s.name, { query, variables }, server.token);
          const ms = performance.now() - t0;
          if (s.field === 'statistics') {
            const n = data.statistics.received.total as number;
            if (total !== null && n !== total) throw new BenchError(`${s.name}: received.total ${n}, earlier ${total}`);
            total = n;
          }
          return ms;
        };
        for (let i = 0; i < 2; i++) await once();
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) ms.push(await once());
        graphql[server.label] = timing(ms);
        progress(`${s.name} (${server.label}): p50 ${graphql[server.label]!.p50} ms, p90 ${graphql[server.label]!.p90} ms, max ${graphql[server.label]!.max} ms`);
      }

      if (s.field === 'statistics') {
        // The received total against the cases table itself (not the facts the report reads).
        const scopeIds = s.subtree ? sql`(select descendant_id from tenant_closure where ancestor_id = ${id.uuid}::uuid)` : sql`(select ${id.uuid}::uuid)`;
        const [count] = rowsOf<{ n: number }>(
          await database.db.execute(sql`select count(*)::int as n from cases where handler_tenant_id in ${scopeIds}
            and (opened_at at time zone 'Asia/Shanghai')::date between ${period.from}::date and ${period.to}::date`),
        );
        if (count!.n !== total) throw new BenchError(`${s.name}: received.total is ${total}, the cases table has ${count!.n}`);
      }

      // The raw statements one request ran (captured on the first server), then the same SQL directly.
      recorder.calls = [];
      recorder.on = true;
      await post(servers[0]!.gql, s.name, { query, variables }, servers[0]!.token);
      recorder.on = false;
      // Leave out the transaction's own set-up (role and viewer settings).
      const captured = recorder.calls.filter((c) => !c.label.startsWith("select set_config('role'"));
      const totals: number[] = [];
      const direct = captured.map(() => [] as number[]);
      for (let i = 0; i < runs + 1; i++) {
        const t0 = performance.now();
        await tx(async (t) => {
          for (const [n, c] of captured.entries()) {
            const q0 = performance.now();
            await t.execute(c.q);
            if (i > 0) direct[n]!.push(performance.now() - q0);
          }
        });
        if (i > 0) totals.push(performance.now() - t0);
      }
      const sqlTotal = timing(totals);
      const explained: StatementReport['explain'][] = [];
      const noJit: StatementReport['explainNoJit'][] = [];
      for (const jit of backend === 'postgres' ? [true, false] : [true]) {
        await tx(async (t) => {
          if (!jit) await t.execute(sql`set local jit = off`);
          for (const c of captured) {
            const [row] = rowsOf<Record<string, unknown>>(await t.execute(sql`explain (analyze, buffers, format json) ${c.q}`));
            const raw = Object.values(row!)[0];
            const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ExplainJson[];
            const x = plan[0]!;
            if (jit) explained.push({ executionMs: round(x['Execution Time']), planningMs: round(x['Planning Time']), jitMs: x.JIT?.Timing?.Total !== undefined ? round(x.JIT.Timing.Total) : null, rows: x.Plan['Actual Rows'], plan });
            else noJit.push({ executionMs: round(x['Execution Time']), planningMs: round(x['Planning Time']) });
          }
        });
      }
      const statementsReport: StatementReport[] = captured.map((c, n) => ({
        name: c.label,
        inRequestMs: round(c.ms),
        direct: timing(direct[n]!),
        explain: explained[n]!,
        explainNoJit: noJit[n] ?? { executionMs: explained[n]!.executionMs, planningMs: explained[n]!.planningMs },
      }));
      results.push({ scenario: s, query, period, graphql, total, sqlTotal, statements: statementsReport });
    }

    const report = { backend, startedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs, date, cases: city.cases, results };
    process.stdout.write(table(report));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `stats-${backend}-latest.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    for (const c of cleanups) await c().catch((err: Error) => progress(`cleanup: ${err.message}`));
  }
}

function table(r: { backend: string; node: string; cpus: number; runs: number; cases: number; results: { scenario: Scenario; period: Period; graphql: Record<string, Timing>; total: number | null; sqlTotal: Timing | null; statements: StatementReport[] }[] }): string {
  const out = ['', `Tianping bench:stats: ${r.backend}, ~${r.cases.toLocaleString('en-US')} cases, node ${r.node}, ${r.cpus} CPUs, ${r.runs} runs after 2 warm-ups, one request at a time`, ''];
  const labels = Object.keys(r.results[0]?.graphql ?? {});
  const head = ['scenario', 'period', 'received', ...labels.flatMap((l) => [`p50 ms (${l})`, 'p90', 'max']), 'SQL p50 ms'];
  const rows = r.results.map((x) => [
    x.scenario.name,
    `${x.period.from}..${x.period.to}`,
    x.total === null ? '-' : x.total.toLocaleString('en-US'),
    ...labels.flatMap((l) => [String(x.graphql[l]?.p50 ?? '-'), String(x.graphql[l]?.p90 ?? '-'), String(x.graphql[l]?.max ?? '-')]),
    x.sqlTotal ? String(x.sqlTotal.p50) : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '');
  out.push('GraphQL latency: whole HTTP request, client side, every field of Statistics (previous period included).');
  out.push("SQL p50: the raw statements one request ran (both periods), run again directly in one read-only transaction as the app role.");
  out.push('Per statement: direct p50 ms; EXPLAIN ANALYZE execution ms (planning ms, JIT ms if any); with jit = off.');
  for (const x of r.results) {
    if (!x.statements.length) continue;
    out.push(`  ${x.scenario.name}:`);
    for (const st of x.statements) {
      out.push(`    direct ${String(st.direct.p50).padStart(7)}  explain ${String(st.explain.executionMs).padStart(7)} (plan ${st.explain.planningMs}${st.explain.jitMs !== null ? `, JIT ${st.explain.jitMs}` : ''})  jit off ${String(st.explainNoJit.executionMs).padStart(7)}  ${st.name}`);
    }
  }
  return `${out.join('\n')}\n`;
}

main().catch((err) => {
  process.stderr.write(`\nbench:stats failed: ${err instanceof BenchError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exitCode = 1;
});
