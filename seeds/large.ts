/**
 * `npm run seed:large -- --cases 1000000`: builds a large, realistic city on the configured
 * database (DATABASE_URL: PostgreSQL; otherwise PGlite under DATA_DIR) for benchmarks — about 1,000
 * tenants, their staff, the catalogue, and cases from 2025-01-01 to 2026-11-28 with hash-chained
 * ledgers, activity, supervision orders, contacts and ratings (see large-city.ts, large-cases.ts).
 * Deterministic: the same arguments give the same rows (ids, hashes and all; only the one password
 * hash differs, argon2 salts it). Every account's password is LARGE_PASSWORD ('tianping-large').
 *
 * Options: --cases N (default 20000), --seed S (default 20261128), --parallel P (COPY batches in
 * flight on PostgreSQL, default 3). Refuses a database that already has tenants. Progress goes to
 * stderr, the summary to stdout. `--check` loads nothing and runs the closing checks again on a
 * database it loaded before (large-verify.ts).
 */
import { sql } from 'drizzle-orm';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase, rowsOf, type Database } from '../server/db/client.js';
import { migrate } from '../server/db/migrate.js';
import { withProvisionalYears } from '../server/domain/calendar/calendar.js';
import { civilDateAt, yearOf } from '../server/domain/calendar/civil-date.js';
import { formatCaseNumber } from '../server/domain/cases/case-number.js';
import type { UserRole } from '../schema/db/tenancy.js';
import { hashPassword } from '../server/usecases/auth/passwords.js';
import { loadWorkCalendar } from '../server/usecases/calendar/work-calendar.js';
import { isEmpty } from '../server/usecases/platform/bootstrap-root.js';
import { ensureHolidayYears } from './holidays.js';
import { CaseFactory } from './large-cases.js';
import { buildCity, CITY_SET_UP_AT, LARGE_PASSWORD, type City } from './large-city.js';
import { casesPerDay, FIRST_DAY, LAST_DAY, planDay, TenantPicker } from './large-intake.js';
import { Rng } from './large-random.js';
import type { Cell } from './large-story.js';
import { sampleCaseIds, verifySample, type VerifyReport } from './large-verify.js';
import { BulkWriter, deferIndexes, TABLES, type Batch } from './large-writer.js';

const CHUNK = 2000;
const PGLITE_COMFORTABLE = 50_000;

class UsageError extends Error {}

function parseArgs(argv: string[]): { cases: number; seed: number; parallel: number; check: boolean } {
  const opts = { cases: 20_000, seed: 20_261_128, parallel: 3, check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') {
      opts.check = true;
      continue;
    }
    const m = /^--(cases|seed|parallel)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) throw new UsageError(`unknown argument "${argv[i]}" (expected --cases N, --seed S, --parallel P, or --check)`);
    const raw = m[2] ?? argv[++i];
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < 1) throw new UsageError(`--${m[1]} needs a positive whole number`);
    opts[m[1] as 'cases' | 'seed' | 'parallel'] = n;
  }
  if (opts.cases > 20_000_000) throw new UsageError('--cases: at most 20,000,000');
  if (opts.parallel > 16) throw new UsageError('--parallel: at most 16');
  return opts;
}

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const fmt = (n: number) => n.toLocaleString('en-US');
const duration = (s: number) => (s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`);
const say = (line: string) => process.stderr.write(`seed:large [${duration(elapsed())}] ${line}\n`);

const iso = (d: Date) => d.toISOString();

/**
 * The generator's own sessions run with PostgreSQL's JIT off (a startup parameter in the URL, as
 * postgres.js passes unknown URL parameters): the plans over a million rows under row-level security
 * and in the case-facts trigger are estimated so high that JIT compiles each for ~1 s, far longer
 * than they run (see the report of issue 7).
 */
function withoutJit(config: Config): Config {
  if (config.database.kind !== 'postgres') return config;
  const url = new URL(config.database.url);
  if (!url.searchParams.has('jit')) url.searchParams.set('jit', 'off');
  return Object.freeze({ ...config, database: { ...config.database, url: url.toString() } });
}

/** Tenants level by level (the tree trigger reads the parent), users, the catalogue, commitments. */
async function writeCity(writer: BulkWriter, city: City, passwordHash: string): Promise<void> {
  const at = iso(CITY_SET_UP_AT);
  for (let depth = 0; depth <= Math.max(...city.tenants.map((t) => t.depth)); depth++) {
    const rows = city.tenants
      .filter((t) => t.depth === depth)
      .map((t): Cell[] => [t.id, t.parentId, t.kind, t.slug, t.name, t.nameEn, t.divisionCode, t.address, t.phone, t.officeHours, t.statutoryDuties, t.introduction, 'ACTIVE', 1, at, at]);
    await writer.write([{ table: TABLES.tenants, rows }]);
    await writer.flush();
  }
  const adminOf = new Map(city.tenants.map((t) => [t.id, t.users.find((u) => u.roles.includes('ADMIN')) ?? city.root.users[0]!]));
  const items = (templates: boolean) =>
    city.items
      .filter((i) => i.isTemplate === templates)
      .map((i, n): Cell[] => [i.id, i.tenantId, i.content.code, i.content.name, i.content.category, 'PUBLISHED', JSON.stringify(i.content), false, 1, i.isTemplate, i.adoptedFromItemId, i.adoptedFromItemId ? 1 : null, n, 2, at, at]);
  await writer.write([
    { table: TABLES.users, rows: city.users.map((u): Cell[] => [u.id, u.tenantId, u.username, u.displayName, null, u.roles, true, passwordHash, 1, at, 1, at, at]) },
    { table: TABLES.serviceItems, rows: items(true) },
    { table: TABLES.serviceItems, rows: items(false) },
    { table: TABLES.serviceItemVersions, rows: city.items.map((i): Cell[] => [i.versionId, i.tenantId, i.id, 1, JSON.stringify(i.content), at, adminOf.get(i.tenantId)!.id]) },
    { table: TABLES.commitments, rows: city.commitments.map((c): Cell[] => [c.id, c.tenantId, c.kind, c.title, c.body, c.sortOrder, c.metric, c.target, true, 1, at, at]) },
  ]);
  await writer.flush();
}

interface Totals {
  cases: number;
  events: number;
  activity: number;
  orders: number;
  contacts: number;
  byStatus: Map<string, number>;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const config: Config = withoutJit(loadConfig());
  if (config.database.kind === 'pglite' && opts.cases > PGLITE_COMFORTABLE) {
    say(`warning: ${fmt(opts.cases)} cases on the embedded PGlite (${config.database.dataDir}) is slow and large — it runs in one process on one core.`);
    say(`         Use --cases 20000 or so with PGlite, or set DATABASE_URL to load a million on PostgreSQL.`);
  }
  const database: Database = await openDatabase(config);
  try {
    await migrate(database);
    if (opts.check) {
      const [admin] = rowsOf<{ id: string; tenant_id: string; roles: UserRole[] }>(await database.db.execute(sql`select id, tenant_id, roles from users where username = 'city.admin'`));
      const [small] = rowsOf<{ slug: string }>(await database.db.execute(sql`select slug from tenants where kind = 'MEDIATION_COMMITTEE' order by slug limit 1`));
      if (!admin || !small) throw new UsageError('--check: this database holds no large city (no city.admin, no mediation committee)');
      say('verifying a sample of ledgers, replays and case facts ...');
      const report = await verifySample(database, config, { userId: admin.id, tenantId: admin.tenant_id, username: 'city.admin', roles: admin.roles }, await sampleCaseIds(database), small.slug);
      process.stdout.write(`${checksLine(report)}\n`);
      if (report.problems.length) throw new Error(`checks failed:\n  ${report.problems.join('\n  ')}`);
      return;
    }
    if (!(await isEmpty(database.db))) {
      throw new UsageError('the database already has tenants: seed:large only loads into an empty, migrated database (create a new one, e.g. `createdb tianping_large`, or point DATA_DIR at an empty directory)');
    }
    await ensureHolidayYears(database.db);
    const strict = await loadWorkCalendar(database.db, null);
    const cals = { strict, loose: withProvisionalYears(strict, [2027, 2028]) };
    const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.database.dataDir}`;
    say(`${fmt(opts.cases)} cases from ${FIRST_DAY} to ${LAST_DAY}, seed ${opts.seed}, on ${where}`);

    const city = buildCity(opts.seed);
    const writer = new BulkWriter(database, opts.parallel);
    await writeCity(writer, city, await hashPassword(LARGE_PASSWORD));
    say(`city: ${fmt(city.tenants.length)} tenants, ${fmt(city.users.length)} users, ${fmt(city.items.length)} published service items`);
    const cityDone = elapsed();

    const deferred = await deferIndexes(database, ['cases', 'case_events', 'case_facts', 'case_activity', 'contacts', 'supervision_orders']);
    const factory = new CaseFactory(city, cals, opts.seed);
    const picker = new TenantPicker(city);
    const counters = new Map<string, { tenantId: string; year: number; seq: number }>();
    const totals: Totals = { cases: 0, events: 0, activity: 0, orders: 0, contacts: 0, byStatus: new Map() };
    const samples = new Map<string, string>();
    const sampleEvery = Math.max(1, Math.floor(opts.cases / 12));
    let written = 0;
    let lastReport = 0;
    let buffer: ReturnType<CaseFactory['build']>[] = [];
    const flush = async () => {
      const part = buffer;
      buffer = [];
      const batches: Batch[] = [
        { table: TABLES.cases, rows: part.map((c) => c.caseRow) },
        { table: TABLES.caseEvents, rows: part.flatMap((c) => c.events) },
        { table: TABLES.caseActivity, rows: part.flatMap((c) => c.activity) },
        { table: TABLES.supervisionOrders, rows: part.flatMap((c) => c.orders) },
        { table: TABLES.contacts, rows: part.flatMap((c) => c.contacts) },
      ];
      await writer.write(batches);
      written += part.length;
    };
    let index = 0;
    for (const [n, { day, count }] of casesPerDay(strict, opts.cases).entries()) {
      const intakes = planDay(new Rng(opts.seed, 'day', n), strict, picker, city, day, count, index);
      index += count;
      for (const intake of intakes) {
        const year = yearOf(civilDateAt(new Date(intake.receivedMs)));
        const key = `${intake.tenant.id}/${year}`;
        const counter = counters.get(key) ?? { tenantId: intake.tenant.id, year, seq: 0 };
        counter.seq++;
        counters.set(key, counter);
        intake.number = formatCaseNumber(intake.tenant.slug, year, counter.seq);
        const built = factory.build(intake);
        buffer.push(built);
        totals.cases++;
        totals.events += built.events.length;
        totals.activity += built.activity.length;
        totals.orders += built.orders.length;
        totals.contacts += built.contacts.length;
        totals.byStatus.set(built.status, (totals.byStatus.get(built.status) ?? 0) + 1);
        const types = new Set(built.events.map((e) => e[4] as string));
        for (const type of ['TRANSFER_ACCEPTED', 'TRANSFER_REJECTED', 'SUPERVISION_ESCALATED', 'EXTENDED', 'MATERIALS_RECEIVED', 'RATING_APPEAL_DECIDED', 'FLAGGED', 'REOPENED', 'ASSIGNED']) {
          if (types.has(type) && !samples.has(type)) samples.set(type, built.caseRow[0] as string);
        }
        if (totals.cases % sampleEvery === 0) samples.set(`#${totals.cases}`, built.caseRow[0] as string);
        if (buffer.length >= CHUNK) await flush();
        if (written > 0 && elapsed() - lastReport >= 2) {
          lastReport = elapsed();
          const rate = written / Math.max(0.001, elapsed() - cityDone);
          const eta = rate > 0 ? (opts.cases - written) / rate : 0;
          say(`cases ${fmt(written)} / ${fmt(opts.cases)} (${((100 * written) / opts.cases).toFixed(1)} %) · ${fmt(Math.round(rate))} cases/s, ${fmt(Math.round((rate * totals.events) / Math.max(1, totals.cases)))} events/s · at ${day} · ETA ${duration(eta)}`);
        }
      }
    }
    if (buffer.length) await flush();
    await writer.flush();
    await writer.write([{ table: TABLES.caseNumberCounters, rows: [...counters.values()].map((c): Cell[] => [c.tenantId, c.year, c.seq]) }]);
    await writer.flush();
    const casesDone = elapsed();
    say(`cases written: ${fmt(totals.cases)} cases, ${fmt(totals.events)} ledger events in ${duration(casesDone - cityDone)}`);
    say(`building the ${deferred.count} secondary indexes dropped for the load ...`);
    await deferred.rebuild();
    const indexesDone = elapsed();

    say('vacuum and analyze (statistics for the planner, visibility for index-only scans) ...');
    if (database.kind === 'postgres') {
      for (const table of ['case_facts', 'case_activity', 'contacts', 'supervision_orders', 'cases', 'case_events', 'tenants', 'tenant_closure', 'users']) {
        await database.sql!.unsafe(`vacuum (analyze) ${table}`);
      }
    } else {
      await database.db.execute(sql`vacuum (analyze)`);
    }
    const vacuumDone = elapsed();

    say('verifying a sample of ledgers, replays and case facts ...');
    const rootAdmin = city.root.users.find((u) => u.username === 'city.admin')!;
    const report = await verifySample(
      database,
      config,
      { userId: rootAdmin.id, tenantId: city.root.id, username: rootAdmin.username, roles: rootAdmin.roles },
      [...new Set(samples.values())],
      city.districts[0]!.mediation[0]!.slug,
    );
    const [size] = rowsOf<{ size: string }>(await database.db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as size`));

    const lines = [
      '',
      `Large city loaded on ${where} in ${duration(elapsed())} (city ${duration(cityDone)}, cases ${duration(casesDone - cityDone)}, indexes ${duration(indexesDone - casesDone)}, vacuum/analyze ${duration(vacuumDone - indexesDone)}, checks ${duration(elapsed() - vacuumDone)}); database size ${size?.size ?? '?'}`,
      `  tenants ${fmt(city.tenants.length)}, users ${fmt(city.users.length)} (password '${LARGE_PASSWORD}'; root: city.admin, city.supervisor), service items ${fmt(city.items.length)}, commitments ${fmt(city.commitments.length)}`,
      `  cases ${fmt(totals.cases)} (${[...totals.byStatus].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${fmt(n)}`).join(', ')})`,
      `  COPY time by table (summed over connections): ${[...writer.seconds].sort((a, b) => b[1] - a[1]).map(([t, sec]) => `${t} ${duration(sec)}`).join(', ')}`,
      `  ledger events ${fmt(totals.events)}, activity rows ${fmt(totals.activity)}, supervision orders ${fmt(totals.orders)}, contacts ${fmt(totals.contacts)}`,
      checksLine(report),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    if (report.problems.length) throw new Error(`checks failed:\n  ${report.problems.join('\n  ')}`);
  } finally {
    await database.close();
  }
}

function checksLine(report: VerifyReport): string {
  return (
    `  checks: ${report.ledgersOk}/${report.sampled} sampled ledgers verify, ${report.replaysOk}/${report.sampled} replay to their row, ` +
    `${report.factsOk}/${report.sampled} case_facts rows equal a fresh tp_refresh_case_facts; every ledger of ${report.tenant.slug} ` +
    `(${fmt(report.tenant.cases)} cases, ${fmt(report.tenant.events)} events) ${report.tenant.ok ? 'verifies' : 'DOES NOT verify'}; cases without facts: ${report.casesWithoutFacts}`
  );
}

main().catch((err) => {
  if (err instanceof UsageError) process.stderr.write(`seed:large: ${err.message}\n`);
  else {
    process.stderr.write(`seed:large failed after ${duration(elapsed())}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.stderr.write('seed:large: the database may hold part of the load; drop and create it again before another run.\n');
  }
  process.exit(1);
});
