import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { tenantCaseSettings } from '../../../schema/db/cases.js';
import type { Executor } from '../../db/client.js';
import { parseCaseSettings, withDefaults, type CaseSettings } from '../../domain/cases/settings.js';
import { responseTimeSettingProblems } from '../../domain/contacts/policy.js';
import { badInput, staleVersion } from '../../domain/shared/errors.js';
import { requireViewer } from '../auth/viewer.js';
import { requireCatalogueAdmin } from '../catalogue/queries.js';
import { responseTimeDefaults } from '../commitments/commitments.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';

/** A tenant's case settings (defaults until its admins set them) and their version (0: never set). */
export async function loadCaseSettings(tx: Executor, tenantId: string): Promise<CaseSettings & { version: number }> {
  const [row] = await tx.select().from(tenantCaseSettings).where(eq(tenantCaseSettings.tenantId, tenantId));
  return { ...withDefaults(row?.settings), version: row?.version ?? 0 };
}

const Input = z.object({
  tenantId: uuidString().optional(),
  version: z.number().int().min(0, 'must be >= 0'),
  settings: z.unknown(),
});

/**
 * Tenant admins (or admins above) set the case settings; `version` 0 the first time. Response
 * times may only be stricter than the municipal defaults (Art. 21).
 */
export async function setCaseSettings(ctx: CommandContext, raw: z.input<typeof Input>) {
  const viewer = requireViewer(ctx);
  const input = parseInput(Input, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  const settings = parseCaseSettings(input.settings);
  const current = await loadCaseSettings(ctx.tx, tenantId);
  if (current.version !== input.version) throw staleVersion('the case settings');
  const looser = responseTimeSettingProblems(settings.responseTimes, await responseTimeDefaults(ctx.tx), current.responseTimes);
  if (Object.keys(looser).length) throw badInput(looser);
  const rows =
    current.version === 0
      ? await ctx.tx.insert(tenantCaseSettings).values({ tenantId, settings, updatedAt: ctx.now }).onConflictDoNothing().returning()
      : await ctx.tx
          .update(tenantCaseSettings)
          .set({ settings, updatedAt: ctx.now, version: sql`${tenantCaseSettings.version} + 1` })
          .where(and(eq(tenantCaseSettings.tenantId, tenantId), eq(tenantCaseSettings.version, current.version)))
          .returning();
  if (!rows[0]) throw staleVersion('the case settings');
  return { ...withDefaults(rows[0].settings), version: rows[0].version };
}
