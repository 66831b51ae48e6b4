import { sql } from 'drizzle-orm';
import { caseNumberCounters } from '../../../schema/db/cases.js';
import type { Executor } from '../../db/client.js';
import { formatCaseNumber } from '../../domain/cases/case-number.js';

/**
 * The next readable number of a tenant's year (e.g. YUBEI-2026-000123). One upsert under the
 * counter row's lock: concurrent intakes get consecutive numbers, never the same one, and a
 * rolled-back intake gives its number back with the rest of its transaction.
 */
export async function allocateCaseNumber(tx: Executor, tenant: { id: string; slug: string }, year: number): Promise<string> {
  const [row] = await tx
    .insert(caseNumberCounters)
    .values({ tenantId: tenant.id, year, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [caseNumberCounters.tenantId, caseNumberCounters.year],
      set: { lastSeq: sql`${caseNumberCounters.lastSeq} + 1` },
    })
    .returning({ seq: caseNumberCounters.lastSeq });
  return formatCaseNumber(tenant.slug, year, row!.seq);
}
