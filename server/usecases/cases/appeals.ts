import { z } from 'zod';
import { mayAppealRating } from '../../domain/cases/access.js';
import { parseCaseEvent } from '../../domain/cases/projection.js';
import { forbidden } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/tenancy/access.js';
import type { CommandContext } from '../context.js';
import { loadTenant } from '../tenants/queries.js';
import { parseInput, requiredText, versionTarget } from '../validation.js';
import { caseFor } from './lifecycle.js';
import { appendEvent } from './store.js';

const Target = versionTarget();
const AppealInput = z.object({ ...Target, reason: requiredText(2000) });

/** The handler tenant appeals a rating as malicious (Art. 12, 16); the rating itself never changes. */
export async function appealRating(ctx: CommandContext, raw: z.input<typeof AppealInput>) {
  const input = parseInput(AppealInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, (v, c) =>
    mayAppealRating(v, c.projection)
      ? null
      : 'only the tenant handling the case appeals its rating',
  );
  return appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'RATING_APPEALED', at: ctx.now, payload: { reason: input.reason } }),
    actor: { userId: viewer.userId, tenantId: viewer.tenantId },
    recordedAt: ctx.now,
  });
}

const DecideInput = z.object({
  ...Target,
  decision: z.enum(['UPHELD', 'DISMISSED'], { message: 'must be UPHELD or DISMISSED' }),
  note: requiredText(2000),
});

/** A SUPERVISOR of the handler tenant's parent decides the appeal; an upheld one leaves the rating out of the statistics. */
export async function decideRatingAppeal(ctx: CommandContext, raw: z.input<typeof DecideInput>) {
  const input = parseInput(DecideInput, raw);
  const { viewer, loaded } = await caseFor(ctx, input.id, () => null);
  const handler = await loadTenant(ctx.tx, loaded.projection.handlerTenantId);
  // The parent decides; the municipal bureau, which has none, decides its own by its supervisors.
  if (!hasRole(viewer, 'SUPERVISOR') || (handler.parentId ?? handler.id) !== viewer.tenantId) {
    throw forbidden("a rating appeal is decided by a SUPERVISOR of the handling tenant's parent");
  }
  return appendEvent(ctx.tx, loaded, {
    expectedVersion: input.version,
    event: parseCaseEvent({ type: 'RATING_APPEAL_DECIDED', at: ctx.now, payload: { decision: input.decision, note: input.note } }),
    actor: { userId: viewer.userId, tenantId: viewer.tenantId },
    recordedAt: ctx.now,
  });
}
