/**
 * After a large load: proof on a sample that what was written is what the app would have written —
 * each sampled ledger verifies (verifyLedger, as a root admin would run it), replaying its events
 * gives back the stored case row, and the case-facts trigger's row is what tp_refresh_case_facts
 * computes again now; plus every case of one small tenant verified, and the facts counted.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../server/config.js';
import { rowsOf, type Database } from '../server/db/client.js';
import { canonicalJson } from '../server/domain/ledger/canonical.js';
import { parseCaseEvent, replay } from '../server/domain/cases/projection.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { runAs } from '../server/usecases/context.js';
import { verifyLedger } from '../server/usecases/cases/ledger.js';
import { asJson } from '../server/usecases/cases/store.js';

export interface VerifyReport {
  sampled: number;
  ledgersOk: number;
  replaysOk: number;
  factsOk: number;
  /** Every case of one tenant, verified. */
  tenant: { slug: string; cases: number; events: number; ok: boolean };
  casesWithoutFacts: number;
  problems: string[];
}

const FACT_COLUMNS = `tenant_id, origin_tenant_id, channel, kind, category, service_item_id, status, outcome, received_at, received_day,
  resolved_at, resolved_day, statutory_due_at, committed_due_at, on_time_statutory, on_time_committed, working_days, extended, rating, rated_day, updated_at`;

/** A sample of an existing load: the first cases by id, and the first case with each rarer kind of event. */
export async function sampleCaseIds(database: Database): Promise<string[]> {
  const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from cases order by id limit 8`)).map((r) => r.id);
  for (const type of ['TRANSFER_ACCEPTED', 'TRANSFER_REJECTED', 'SUPERVISION_ESCALATED', 'EXTENDED', 'MATERIALS_RECEIVED', 'RATING_APPEAL_DECIDED', 'FLAGGED', 'REOPENED', 'ASSIGNED']) {
    const [row] = rowsOf<{ id: string }>(await database.db.execute(sql`select case_id as id from case_events where type = ${type} limit 1`));
    if (row) ids.push(row.id);
  }
  return [...new Set(ids)];
}

export async function verifySample(database: Database, config: Config, root: Viewer, caseIds: string[], tenantSlug: string): Promise<VerifyReport> {
  const db = database.db;
  const problems: string[] = [];
  let ledgersOk = 0;
  let replaysOk = 0;
  let factsOk = 0;
  const list = sql.join(caseIds.map((id) => sql`${id}::uuid`), sql`, `);
  for (const caseId of caseIds) {
    const verdict = await runAs(database, config, root, (ctx) => verifyLedger(ctx, { caseId }));
    if (verdict.ok) ledgersOk++;
    else problems.push(`ledger of ${caseId}: ${verdict.brokenAt.reason} at seq ${verdict.brokenAt.seq}`);
    const events = rowsOf<{ type: string; business_at: string | Date; payload: unknown }>(
      await db.execute(sql`select type, business_at, payload from case_events where case_id = ${caseId}::uuid order by seq`),
    );
    const [row] = rowsOf<{ projection: unknown }>(await db.execute(sql`select projection from cases where id = ${caseId}::uuid`));
    const replayed = replay(events.map((e) => parseCaseEvent({ type: e.type, at: new Date(e.business_at), payload: e.payload })));
    if (row && canonicalJson(asJson(replayed)) === canonicalJson(row.projection)) replaysOk++;
    else problems.push(`replaying ${caseId} does not give its stored projection`);
  }
  // The rows as loaded, then computed afresh (row deleted, the function run again): they must not differ.
  const before = rowsOf<{ case_id: string; f: string }>(
    await db.execute(sql`select case_id, row_to_json(x)::text as f from (select case_id, ${sql.raw(FACT_COLUMNS)} from case_facts where case_id in (${list})) x order by case_id`),
  );
  await db.transaction(async (tx) => {
    // See large-writer.ts: without this, PostgreSQL JIT-compiles tp_working_days_between per case.
    if (database.kind === 'postgres') await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`delete from case_facts where case_id in (${list})`);
    await tx.execute(sql`select tp_refresh_case_facts(c) from cases c where c.id in (${list})`);
  });
  const after = new Map(
    rowsOf<{ case_id: string; f: string }>(
      await db.execute(sql`select case_id, row_to_json(x)::text as f from (select case_id, ${sql.raw(FACT_COLUMNS)} from case_facts where case_id in (${list})) x`),
    ).map((r) => [r.case_id, r.f]),
  );
  for (const b of before) {
    if (after.get(b.case_id) === b.f) factsOk++;
    else problems.push(`case_facts of ${b.case_id} differ from tp_refresh_case_facts now`);
  }
  if (before.length !== caseIds.length) problems.push(`${caseIds.length - before.length} sampled cases have no case_facts row`);

  // Every case a small tenant handles or took in, case by case (verifyLedger's tenant-wide scan does
  // not finish on a million cases within the statement timeout: see the generator's report).
  const [t] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where slug = ${tenantSlug}`));
  const own = rowsOf<{ id: string; events: number }>(
    await db.execute(sql`select c.id, c.last_seq as events from cases c where c.id in (
      select id from cases where handler_tenant_id = ${t!.id}::uuid union select id from cases where origin_tenant_id = ${t!.id}::uuid) order by c.id`),
  );
  const broken = await runAs(database, config, root, async (ctx) => {
    const out: string[] = [];
    for (const c of own) {
      const verdict = await verifyLedger(ctx, { caseId: c.id });
      if (!verdict.ok) out.push(`ledger of ${verdict.brokenCaseNumber}: ${verdict.brokenAt.reason} at seq ${verdict.brokenAt.seq}`);
    }
    return out;
  });
  problems.push(...broken);
  const [missing] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cases c where not exists (select 1 from case_facts f where f.case_id = c.id)`));
  if (missing!.n) problems.push(`${missing!.n} cases have no case_facts row`);
  return {
    sampled: caseIds.length,
    ledgersOk,
    replaysOk,
    factsOk,
    tenant: { slug: tenantSlug, cases: own.length, events: own.reduce((n, c) => n + c.events, 0), ok: broken.length === 0 },
    casesWithoutFacts: missing!.n,
    problems,
  };
}
