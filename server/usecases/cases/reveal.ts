import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseAccessLog } from '../../../schema/db/cases.js';
import { canHandleCase } from '../../domain/cases/access.js';
import { REQUESTER_FIELDS, type RequesterField } from '../../domain/cases/masking.js';
import { rateLimited } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/tenancy/access.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';
import { caseFor } from './lifecycle.js';

const Input = z.object({
  caseId: uuidString(),
  field: z.enum(REQUESTER_FIELDS, { message: `must be one of ${REQUESTER_FIELDS.join(', ')}` }),
  reason: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(4, 'say why you need it (at least 4 characters)').max(500, 'must be at most 500 characters')),
});
export type RevealInput = z.input<typeof Input>;

const HOUR_MS = 3_600_000;

/**
 * Shows one personal field of one case unmasked (Art. 26), to the people handling it, the first
 * responder and supervisors above the handler, with a reason written to the access log in the same
 * transaction. Rate-limited per user (the log itself is the counter).
 */
export async function revealRequesterField(ctx: CommandContext, raw: RevealInput): Promise<{ field: RequesterField; value: string | null }> {
  const input = parseInput(Input, raw);
  const { viewer, loaded } = await caseFor(ctx, input.caseId, (v, c) =>
    canHandleCase(v, c.projection) ||
    c.row.firstResponderUserId === v.userId ||
    (c.handledInSubtree && hasRole(v, 'SUPERVISOR'))
      ? null
      : 'personal data is revealed only to the staff handling the case, its first responder and supervisors above it',
  );
  const [used] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(caseAccessLog)
    .where(and(eq(caseAccessLog.userId, viewer.userId), gt(caseAccessLog.at, new Date(ctx.now.getTime() - HOUR_MS))));
  if ((used?.n ?? 0) >= ctx.config.rateLimits.revealsPerHour) {
    throw rateLimited(`at most ${ctx.config.rateLimits.revealsPerHour} reveals an hour; try again later`);
  }
  const value = loaded.projection.requester[input.field];
  await ctx.tx.insert(caseAccessLog).values({
    caseId: loaded.row.id,
    tenantId: loaded.projection.handlerTenantId,
    viewerTenantId: viewer.tenantId,
    userId: viewer.userId,
    field: input.field,
    reason: input.reason,
    at: ctx.now,
  });
  return { field: input.field, value };
}
