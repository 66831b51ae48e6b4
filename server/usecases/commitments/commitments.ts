import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  COMMITMENT_KINDS,
  COMMITMENT_METRICS,
  type CommitmentMetric,
  commitments,
  platformSettings,
  type ResponseTimeDefaults,
} from '../../../schema/db/disclosure.js';
import type { Executor } from '../../db/client.js';
import { badInput, forbidden, notFound, staleVersion } from '../../domain/shared/errors.js';
import { hasRole } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import { requireCatalogueAdmin } from '../catalogue/queries.js';
import type { CommandContext } from '../context.js';
import { assertPublicText } from '../phrases/public-text.js';
import { loadTenant } from '../tenants/queries.js';
import { parseInput, requiredText, uuidString } from '../validation.js';

export type CommitmentRow = typeof commitments.$inferSelect;

/** Art. 21's figures; the root may change them (never below zero), tenants may only do better. */
export const REGULATION_RESPONSE_TIMES: ResponseTimeDefaults = { hotlineAnswerSeconds: 3, chatAnswerSeconds: 3, messageReplyMinutes: 60 };
const RESPONSE_KEY = 'response_time_defaults';

export async function responseTimeDefaults(tx: Executor): Promise<ResponseTimeDefaults> {
  const [row] = await tx.select().from(platformSettings).where(eq(platformSettings.key, RESPONSE_KEY));
  return (row?.value as ResponseTimeDefaults | undefined) ?? REGULATION_RESPONSE_TIMES;
}

/**
 * A metric's target must make sense, and a response-time promise may be better than the
 * municipal default, never worse (Art. 16, 21).
 */
function targetProblem(metric: CommitmentMetric, target: number, defaults: ResponseTimeDefaults): string | null {
  switch (metric) {
    case 'ON_TIME_RATE':
    case 'SATISFACTION_RATE':
      return target > 0 && target <= 100 ? null : 'must be a percentage above 0 and at most 100';
    case 'HOTLINE_ANSWER_SECONDS':
      return target > 0 && target <= defaults.hotlineAnswerSeconds ? null : `must be at most the municipal ${defaults.hotlineAnswerSeconds} s`;
    case 'CHAT_ANSWER_SECONDS':
      return target > 0 && target <= defaults.chatAnswerSeconds ? null : `must be at most the municipal ${defaults.chatAnswerSeconds} s`;
    case 'MESSAGE_REPLY_MINUTES':
      return target > 0 && target <= defaults.messageReplyMinutes ? null : `must be at most the municipal ${defaults.messageReplyMinutes} min`;
    default: {
      const unreachable: never = metric;
      return unreachable;
    }
  }
}

const Fields = {
  kind: z.enum(COMMITMENT_KINDS, { message: 'is not a commitment kind' }),
  title: requiredText(100),
  body: requiredText(2000),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  metric: z.enum(COMMITMENT_METRICS, { message: 'is not a metric' }).nullish(),
  target: z.number().finite().nullish(),
  published: z.boolean().optional(),
};
const CreateInput = z.object({ tenantId: uuidString().optional(), ...Fields });
export type CreateCommitmentInput = z.input<typeof CreateInput>;
const UpdateInput = z.object({ id: uuidString(), version: z.number().int().positive(), ...Fields });
export type UpdateCommitmentInput = z.input<typeof UpdateInput>;

async function checkMetric(tx: Executor, metric: CommitmentMetric | null | undefined, target: number | null | undefined) {
  if (!metric && target == null) return;
  if (!metric) throw badInput({ metric: 'is required with a target' });
  if (target == null) throw badInput({ target: 'is required with a metric' });
  const problem = targetProblem(metric, target, await responseTimeDefaults(tx));
  if (problem) throw badInput({ target: problem });
}

export async function createCommitment(ctx: CommandContext, raw: CreateCommitmentInput): Promise<CommitmentRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(CreateInput, raw);
  const tenantId = input.tenantId ?? viewer.tenantId;
  await requireCatalogueAdmin(ctx.tx, viewer, tenantId);
  await checkMetric(ctx.tx, input.metric, input.target);
  await assertPublicText(ctx.tx, tenantId, { title: input.title, body: input.body });
  const [row] = await ctx.tx
    .insert(commitments)
    .values({
      tenantId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      sortOrder: input.sortOrder ?? 0,
      metric: input.metric ?? null,
      target: input.target ?? null,
      published: input.published ?? false,
    })
    .returning();
  return row!;
}

export async function updateCommitment(ctx: CommandContext, raw: UpdateCommitmentInput): Promise<CommitmentRow> {
  const viewer = requireViewer(ctx);
  const input = parseInput(UpdateInput, raw);
  const [current] = await ctx.tx.select().from(commitments).where(eq(commitments.id, input.id));
  if (!current) throw notFound('commitment');
  await requireCatalogueAdmin(ctx.tx, viewer, current.tenantId);
  await checkMetric(ctx.tx, input.metric, input.target);
  await assertPublicText(ctx.tx, current.tenantId, { title: input.title, body: input.body });
  const [row] = await ctx.tx
    .update(commitments)
    .set({
      kind: input.kind,
      title: input.title,
      body: input.body,
      sortOrder: input.sortOrder ?? current.sortOrder,
      metric: input.metric ?? null,
      target: input.target ?? null,
      published: input.published ?? current.published,
      version: sql`${commitments.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(and(eq(commitments.id, input.id), eq(commitments.version, input.version)))
    .returning();
  if (!row) throw staleVersion('the commitment');
  return row;
}

const DefaultsInput = z.object({
  hotlineAnswerSeconds: z.number().int().positive('must be positive').max(600),
  chatAnswerSeconds: z.number().int().positive('must be positive').max(600),
  messageReplyMinutes: z.number().int().positive('must be positive').max(7 * 24 * 60),
});

/** Root admins set the municipal response-time defaults (Art. 21). */
export async function setResponseTimeDefaults(ctx: CommandContext, raw: z.input<typeof DefaultsInput>): Promise<ResponseTimeDefaults> {
  const viewer = requireViewer(ctx);
  const input = parseInput(DefaultsInput, raw);
  const tenant = await loadTenant(ctx.tx, viewer.tenantId);
  if (tenant.parentId !== null || !hasRole(viewer, 'ADMIN')) throw forbidden('only municipal bureau admins set the defaults');
  await ctx.tx
    .insert(platformSettings)
    .values({ key: RESPONSE_KEY, value: input })
    .onConflictDoUpdate({ target: platformSettings.key, set: { value: input, version: sql`${platformSettings.version} + 1`, updatedAt: ctx.now } });
  return input;
}
