import { and, asc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { caseEvents, cases } from '../../../schema/db/cases.js';
import type { Executor } from '../../db/client.js';
import type { LedgerEntry, BrokenLink } from '../../domain/ledger/chain.js';
import { LedgerVerifier, type LedgerVerdict } from '../../domain/ledger/ledger-verifier.js';
import { badInput, forbidden, notFound } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadAncestry } from '../tenants/queries.js';
import { parseInput, uuidString } from '../validation.js';
import { maskedPayload } from './masked-payload.js';
import { sensitiveVisibility } from './queries.js';

const BATCH = 1000;
/** Cases whose ledgers one verification step reads together. */
const CASES_PER_BATCH = 200;

type EventRow = typeof caseEvents.$inferSelect;

export const entryOf = (e: EventRow): LedgerEntry => ({
  caseId: e.caseId,
  type: e.type,
  tenantId: e.tenantId,
  actorUserId: e.actorUserId,
  actorTenantId: e.actorTenantId,
  businessAt: e.businessAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  payload: e.payload,
  seq: e.seq,
  prevHash: e.prevHash,
  hash: e.hash,
});

/** Ledger audits are for ADMINs and SUPERVISORs of the tenant or above it (Art. 18). */
async function requireAuditor(tx: Executor, viewer: Viewer, tenantId: string) {
  if (!hasRole(viewer, 'ADMIN') && !hasRole(viewer, 'SUPERVISOR')) throw forbidden('ledgers are audited by ADMINs and SUPERVISORs');
  const ancestry = await loadAncestry(tx, tenantId);
  if (!ancestry.includes(viewer.tenantId)) throw forbidden("only the tenant's own auditors and those above it audit its ledger");
}

const VerifyInput = z.object({ tenantId: uuidString().nullish(), caseId: uuidString().nullish(), subtree: z.boolean().nullish() });

export type LedgerCheck = LedgerVerdict & { brokenCaseNumber?: string };

/**
 * Re-computes the hash chains of one case, or of every case a tenant (with `subtree`, the tenant and
 * every tenant below it) handles or took in, reading
 * the ledger in batches (never all of it at once), and compares each chain's end with its case
 * row's head. Reports the first broken link.
 */
export async function verifyLedger(ctx: CommandContext, raw: z.input<typeof VerifyInput>): Promise<LedgerCheck> {
  const viewer = requireViewer(ctx);
  const input = parseInput(VerifyInput, raw);
  let scope: SQL;
  if (input.caseId) {
    const [c] = await ctx.tx.select({ handler: cases.handlerTenantId }).from(cases).where(eq(cases.id, input.caseId));
    if (!c) throw notFound('case');
    await requireAuditor(ctx.tx, viewer, c.handler);
    scope = eq(cases.id, input.caseId);
  } else {
    const tenantId = input.tenantId ?? viewer.tenantId;
    await requireAuditor(ctx.tx, viewer, tenantId);
    scope = input.subtree
      ? sql`(${cases.handlerTenantId} in (select descendant_id from tenant_closure where ancestor_id = ${tenantId}::uuid)
          or ${cases.originTenantId} in (select descendant_id from tenant_closure where ancestor_id = ${tenantId}::uuid))`
      : or(eq(cases.handlerTenantId, tenantId), eq(cases.originTenantId, tenantId))!;
  }

  // The cases in scope a page at a time (by id), then their events: each read uses an index on
  // the scope (handler, origin) and on (case_id, seq), never a walk of the whole ledger.
  const verifier = new LedgerVerifier();
  let afterId: string | null = null;
  let broken: BrokenLink | null = null;
  while (!broken) {
    const page = await ctx.tx
      .select({ id: cases.id, lastSeq: cases.lastSeq, lastHash: cases.lastHash })
      .from(cases)
      .where(and(scope, afterId ? gt(cases.id, afterId) : undefined))
      .orderBy(asc(cases.id))
      .limit(CASES_PER_BATCH);
    if (page.length === 0) break;
    const heads = new Map(page.map((c) => [c.id, { seq: c.lastSeq, hash: c.lastHash }]));
    const events = await ctx.tx
      .select()
      .from(caseEvents)
      .where(inArray(caseEvents.caseId, [...heads.keys()]))
      .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
    for (const e of events) {
      const head = heads.get(e.caseId)!;
      broken = verifier.push(entryOf(e), { caseId: e.caseId, seq: head.seq, hash: head.hash });
      if (broken) break;
    }
    if (page.length < CASES_PER_BATCH) break;
    afterId = page[page.length - 1]!.id;
  }
  let verdict: LedgerVerdict = verifier.finish();
  if (verdict.ok) {
    // A case whose every ledger row is gone never reached the verifier.
    const [empty] = await ctx.tx
      .select({ id: cases.id, lastSeq: cases.lastSeq })
      .from(cases)
      .where(and(scope, sql`not exists (select 1 from ${caseEvents} e where e.case_id = ${cases.id})`))
      .limit(1);
    if (empty) {
      verdict = { ok: false, brokenAt: { caseId: empty.id, seq: 1, reason: 'TRUNCATED', detail: `the case's ledger is empty; its row says ${empty.lastSeq} events` } };
    }
  }
  if (verdict.ok) return verdict;
  const [c] = await ctx.tx.select({ number: cases.number }).from(cases).where(eq(cases.id, verdict.brokenAt.caseId));
  return { ...verdict, brokenCaseNumber: c?.number };
}

const ExportInput = z
  .object({ tenantId: uuidString().nullish(), from: z.date({ message: 'must be a date-time' }), to: z.date({ message: 'must be a date-time' }) })
  .refine((i) => i.from < i.to, { path: ['to'], message: 'must be after from' });
export type LedgerExportInput = z.input<typeof ExportInput>;

export interface ExportCursor {
  recordedAt: Date;
  caseId: string;
  seq: number;
}

export const LEDGER_CSV_COLUMNS = [
  { key: 'recordedAt', header: 'recorded_at' },
  { key: 'businessAt', header: 'business_at' },
  { key: 'caseNumber', header: 'case_number' },
  { key: 'seq', header: 'seq' },
  { key: 'type', header: 'type' },
  { key: 'tenantId', header: 'tenant_id' },
  { key: 'actorTenantId', header: 'actor_tenant_id' },
  { key: 'actorUserId', header: 'actor_user_id' },
  { key: 'payload', header: 'payload' },
  { key: 'prevHash', header: 'prev_hash' },
  { key: 'hash', header: 'hash' },
] as const;

/** Checks an export request and who asks; returns the checked input. */
export async function authorizeLedgerExport(ctx: CommandContext, raw: LedgerExportInput) {
  const viewer = requireViewer(ctx);
  const input = parseInput(ExportInput, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireAuditor(ctx.tx, viewer, tenantId);
  if (input.to.getTime() - input.from.getTime() > 366 * 86_400_000) throw badInput({ to: 'export at most a year at a time' });
  return { tenantId, from: input.from, to: input.to };
}

/**
 * One batch of a tenant's ledger rows for a period, by record time, after `cursor`. The export
 * streams batch after batch, each read in its own short transaction: the ledger is append-only and
 * the period is closed at `to`, so the batches join up exactly.
 */
export async function ledgerExportBatch(
  tx: Executor,
  viewer: Viewer,
  q: { tenantId: string; from: Date; to: Date },
  cursor: ExportCursor | null,
) {
  // Ordered by record time, then by case and seq: events recorded in one instant (OPENED and
  // STARTED of one intake) come out in their ledger order.
  const rows = await tx
    .select({ e: caseEvents, caseNumber: cases.number })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(
      and(
        eq(caseEvents.tenantId, q.tenantId),
        // Sensitive cases (Art. 11) only for those who may see them, as everywhere else.
        sensitiveVisibility(viewer),
        gte(caseEvents.recordedAt, q.from),
        lt(caseEvents.recordedAt, q.to),
        cursor
          ? sql`(${caseEvents.recordedAt}, ${caseEvents.caseId}, ${caseEvents.seq}) > (${cursor.recordedAt.toISOString()}::timestamptz, ${cursor.caseId}::uuid, ${cursor.seq})`
          : undefined,
      ),
    )
    .orderBy(asc(caseEvents.recordedAt), asc(caseEvents.caseId), asc(caseEvents.seq))
    .limit(BATCH);
  const last = rows[rows.length - 1];
  return {
    lines: rows.map(({ e, caseNumber }) => ({
      recordedAt: e.recordedAt,
      businessAt: e.businessAt,
      caseNumber,
      seq: e.seq,
      type: e.type,
      tenantId: e.tenantId,
      actorTenantId: e.actorTenantId,
      actorUserId: e.actorUserId,
      payload: maskedPayload(e.type, e.payload),
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    next: rows.length === BATCH && last ? { recordedAt: last.e.recordedAt, caseId: last.e.caseId, seq: last.e.seq } : null,
  };
}
