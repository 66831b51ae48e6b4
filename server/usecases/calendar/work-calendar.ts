import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { holidayYears, tenantClosures } from '../../../schema/db/calendar.js';
import type { Executor } from '../../db/client.js';
import { buildCalendar, type WorkCalendar } from '../../domain/calendar/calendar.js';
import { isCivilDate } from '../../domain/calendar/civil-date.js';
import { badInput, forbidden, notFound, staleVersion } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { loadTenant } from '../tenants/queries.js';
import { requireCatalogueAdmin } from '../catalogue/queries.js';
import { parseInput, requiredText, uuidString } from '../validation.js';

/** A tenant's working calendar: every loaded national arrangement plus its own closures. */
export async function loadWorkCalendar(tx: Executor, tenantId: string | null): Promise<WorkCalendar> {
  const years = await tx.select().from(holidayYears).orderBy(asc(holidayYears.year));
  const closures = tenantId
    ? await tx.select().from(tenantClosures).where(eq(tenantClosures.tenantId, tenantId))
    : [];
  return buildCalendar({
    arrangements: years.map((y) => ({ year: y.year, ...y.arrangement })),
    closures: closures.map((c) => ({ date: c.day, reason: c.reason })),
  });
}

const civilDate = () => z.string().refine(isCivilDate, 'must be a date YYYY-MM-DD');

const ArrangementInput = z.object({
  year: z.number().int().min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier'),
  version: z.number().int().positive().optional(),
  off: z.array(z.object({ name: requiredText(50), from: civilDate(), to: civilDate() })).min(1, 'needs at least one holiday'),
  makeupWorkdays: z.array(civilDate()),
  source: z.string().trim().max(300).optional(),
});
export type SetHolidayArrangementInput = z.input<typeof ArrangementInput>;

/**
 * Root admins load or correct a year's arrangement (Art. 15). The whole calendar is rebuilt with
 * it before saving, so an inconsistent arrangement is refused with the offending field named.
 */
export async function setHolidayArrangement(ctx: CommandContext, raw: SetHolidayArrangementInput) {
  const viewer = requireViewer(ctx);
  const input = parseInput(ArrangementInput, raw);
  const root = await loadTenant(ctx.tx, viewer.tenantId);
  if (root.parentId !== null || !hasRole(viewer, 'ADMIN')) throw forbidden('only municipal bureau admins maintain the holiday calendar');
  try {
    buildCalendar({ arrangements: [{ year: input.year, off: input.off, makeupWorkdays: input.makeupWorkdays }] });
  } catch (err) {
    const fields = (err as { fields?: Record<string, string> }).fields;
    if (fields) {
      // Paths as everywhere else in the API: `off.1.to`, `makeupWorkdays.0`.
      const path = (k: string) => k.replace(/^arrangements\[0\]\.?/, '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') || 'input';
      throw badInput(Object.fromEntries(Object.entries(fields).map(([k, v]) => [path(k), v])));
    }
    throw err;
  }
  const arrangement = { off: input.off, makeupWorkdays: input.makeupWorkdays };
  const [existing] = await ctx.tx.select().from(holidayYears).where(eq(holidayYears.year, input.year));
  if (!existing) {
    const [row] = await ctx.tx
      .insert(holidayYears)
      .values({ year: input.year, arrangement, source: input.source ?? null, updatedBy: viewer.userId })
      .returning();
    return row!;
  }
  if (input.version !== existing.version) throw staleVersion(`the ${input.year} arrangement`);
  const [row] = await ctx.tx
    .update(holidayYears)
    .set({ arrangement, source: input.source ?? existing.source, updatedBy: viewer.userId, version: sql`${holidayYears.version} + 1`, updatedAt: ctx.now })
    .where(eq(holidayYears.year, input.year))
    .returning();
  return row!;
}

const ClosureInput = z.object({ tenantId: uuidString().optional(), date: civilDate(), reason: requiredText(200) });
export type AddClosureInput = z.input<typeof ClosureInput>;

/** A tenant's own day off (e.g. an office move): its deadlines skip it. */
export async function addTenantClosure(ctx: CommandContext, raw: AddClosureInput) {
  const viewer = requireViewer(ctx);
  const input = parseInput(ClosureInput, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  const [row] = await ctx.tx
    .insert(tenantClosures)
    .values({ tenantId, day: input.date, reason: input.reason, createdBy: viewer.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw badInput({ date: 'is already a closure of this tenant' });
  return row;
}

export async function removeTenantClosure(ctx: CommandContext, raw: { id: string }) {
  const viewer = requireViewer(ctx);
  const { id } = parseInput(z.object({ id: uuidString() }), raw);
  const [closure] = await ctx.tx.select().from(tenantClosures).where(eq(tenantClosures.id, id));
  if (!closure) throw notFound('closure');
  await requireCatalogueAdmin(ctx.tx, viewer, closure.tenantId);
  await ctx.tx.delete(tenantClosures).where(eq(tenantClosures.id, id));
  return closure;
}
