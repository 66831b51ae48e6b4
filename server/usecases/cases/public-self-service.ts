import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseEvents } from '../../../schema/db/cases.js';
import { publicTenants } from '../../../schema/db/public-views.js';
import { rowsOf, type Tx } from '../../db/client.js';
import { setViewerSettings } from '../../db/with-tenant.js';
import { addWorkingDays } from '../../domain/calendar/deadlines.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { civilDateAt } from '../../domain/calendar/civil-date.js';
import { parseCaseEvent, type CaseProjection } from '../../domain/cases/projection.js';
import { RATING_SCALE, RATINGS, type Rating } from '../../domain/cases/vocabulary.js';
import { assertNoForbidden } from '../../domain/phrases/checker.js';
import { badInput, notFound, rateLimited, type FieldErrors } from '../../domain/shared/errors.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import type { CommandContext } from '../context.js';
import { forbiddenMatcher } from '../phrases/phrase-library.js';
import { optionalText, parseInput, requiredText, uniqueViolation, uuidString } from '../validation.js';
import { checkRequester, findIdempotent, IdempotencyKey, openedEvent, publishedItemFor, requestHash } from './open-case.js';
import { loadCaseSettings } from './settings.js';
import { appendEvent, insertCase, loadCase, type Actor, type LoadedCase } from './store.js';

const ANONYMOUS: Actor = { userId: null, tenantId: null };
const HOUR_SECONDS = 3600;

/**
 * Checks the client's hourly budget for this kind of anonymous request (RATE_LIMITED when spent) and
 * counts the request once it has ended, whatever its fate: a refused or failed request is no free
 * retry. Works in read-only requests (tracking is a query).
 */
async function hit(ctx: CommandContext, kind: string, perHour: number): Promise<void> {
  const bucket = `${kind}:${ctx.clientKey ?? 'unknown'}`;
  const now = ctx.now.toISOString();
  const [row] = rowsOf<{ used: number }>(
    await ctx.tx.execute(sql`select tp_rate_limit_used(${bucket}, ${HOUR_SECONDS}, ${now}::timestamptz) as used`),
  );
  ctx.afterTransaction(async (db) => {
    await db.execute(sql`select tp_rate_limit_hit(${bucket}, ${HOUR_SECONDS}, ${perHour}, ${now}::timestamptz)`);
  });
  if ((row?.used ?? 0) >= perHour) throw rateLimited(`too many requests from this client; at most ${perHour} an hour`);
}

/**
 * From here on the request acts for the tenant that holds the case, as nobody in particular: row-level
 * security then lets it read and write that tenant's case, and nothing else. Only after the caller
 * proved the right to (a tracking secret) or for a new inquiry to that tenant.
 */
const actForTenant = (tx: Tx, tenantId: string) => setViewerSettings(tx, { tenantId, userId: '' });

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

function newTrackingCode(): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const SubmitInput = z.object({
  tenantSlug: z.string().trim().min(1, 'is required').max(63),
  serviceItemId: uuidString().nullish(),
  subject: requiredText(200),
  description: requiredText(5000),
  name: optionalText(100),
  phone: optionalText(30),
  otherContact: optionalText(200),
  formData: z.record(z.string(), z.unknown()).nullish(),
  idempotencyKey: IdempotencyKey,
});
export type SubmitInquiryInput = z.input<typeof SubmitInput>;

export interface InquiryReceipt {
  trackingCode: string;
  /** Shown once; only its hash is stored. */
  secret: string;
  loaded: LoadedCase;
}

/**
 * An anonymous message to a tenant (Art. 6, 12): becomes a MESSAGE case in that tenant's queue, with
 * a tracking code and an unguessable secret. Rate-limited per client; forbidden phrases and sizes
 * checked. With an idempotency key a retry gets the same case, code and secret.
 */
export async function submitInquiry(ctx: CommandContext, raw: SubmitInquiryInput): Promise<InquiryReceipt> {
  await hit(ctx, 'inquiry', ctx.config.rateLimits.inquiriesPerHour);
  const input = parseInput(SubmitInput, raw);
  const [tenant] = await ctx.tx
    .select({ id: publicTenants.id, slug: publicTenants.slug })
    .from(publicTenants)
    .where(eq(publicTenants.slug, input.tenantSlug.toLowerCase()));
  if (!tenant) throw badInput({ tenantSlug: 'is not an organisation taking messages' });

  const { idempotencyKey, ...request } = input;
  const hash = requestHash(request);
  const secretFor = (key: string | null | undefined) =>
    key && ctx.derive ? ctx.derive('inquiry-secret', `${tenant.id}\n${key}`) : randomBytes(24).toString('base64url');

  await actForTenant(ctx.tx, tenant.id);
  if (idempotencyKey) {
    const existing = await findIdempotent(ctx.tx, tenant.id, idempotencyKey, hash, null);
    if (existing) return { trackingCode: existing.row.trackingCode!, secret: secretFor(idempotencyKey), loaded: existing };
  }

  const problems: FieldErrors = {};
  const today = civilDateAt(ctx.now);
  const requesterProblems: FieldErrors = {};
  const requester = checkRequester({ name: input.name, phone: input.phone, otherContact: input.otherContact }, today, requesterProblems);
  // The public input names the fields flat (`phone`), not under `requester`.
  for (const [k, v] of Object.entries(requesterProblems)) problems[k.replace(/^requester\./, '')] = v;
  const formData = input.formData ?? {};
  const item = input.serviceItemId
    ? await publishedItemFor(ctx.tx, tenant.id, input.serviceItemId, 'MESSAGE', formData, today, problems)
    : null;
  if (!input.serviceItemId && Object.keys(formData).length > 0) problems.formData = 'a message without a service item has no form';
  if (Object.keys(problems).length > 0) throw badInput(problems);
  assertNoForbidden(await forbiddenMatcher(ctx.tx, tenant.id), { subject: input.subject, description: input.description });

  const secret = secretFor(idempotencyKey);
  const create = async (sp: Tx) => {
    const event = await openedEvent(sp, {
      tenant,
      channel: 'MESSAGE',
      kind: 'CONSULTATION',
      item,
      subject: input.subject,
      description: input.description,
      requester,
      formData: item?.formData ?? {},
      firstResponderUserId: null,
      assigneeUserId: null,
      sensitive: false,
      urgency: 'NORMAL',
      protectedGroups: [],
      receivedAt: ctx.now,
      answeredAtIntake: false,
    });
    const loaded = await insertCase(sp, {
      event,
      actor: ANONYMOUS,
      recordedAt: ctx.now,
      extra: {
        trackingCode: newTrackingCode(),
        trackingSecretHash: sha256(secret).toString('hex'),
        ...(idempotencyKey ? { idempotencyKey, requestHash: hash } : {}),
      },
    });
    return { trackingCode: loaded.row.trackingCode!, secret, loaded };
  };
  try {
    return await ctx.tx.transaction(create);
  } catch (err) {
    if (idempotencyKey && uniqueViolation(err) !== null) {
      const existing = await findIdempotent(ctx.tx, tenant.id, idempotencyKey, hash, null);
      if (existing) return { trackingCode: existing.row.trackingCode!, secret, loaded: existing };
    }
    throw err;
  }
}

const TrackInput = z.object({
  code: z.string().trim().toUpperCase().max(20, 'is not a tracking code'),
  secret: z.string().trim().min(1, 'is required').max(100, 'is not a tracking secret'),
});

/**
 * The case behind a tracking code, once the secret matches; one refusal for an unknown code and a
 * wrong secret alike (NOT_FOUND), so codes cannot be probed. Rate-limited per client.
 */
async function caseByTracking(ctx: CommandContext, raw: z.input<typeof TrackInput>): Promise<LoadedCase> {
  await hit(ctx, 'track', ctx.config.rateLimits.trackingPerHour);
  const input = parseInput(TrackInput, raw);
  const [row] = rowsOf<{ case_id: string; handler_tenant_id: string; secret_hash: string }>(
    await ctx.tx.execute(sql`select * from tp_case_for_tracking(${input.code})`),
  );
  const given = sha256(input.secret);
  const stored = row ? Buffer.from(row.secret_hash, 'hex') : sha256('no such case');
  const matches = stored.length === given.length && timingSafeEqual(stored, given);
  if (!row || !matches) throw notFound('no message with this tracking code and secret;');
  await actForTenant(ctx.tx, row.handler_tenant_id);
  return loadCase(ctx.tx, row.case_id);
}

export interface PublicCaseView {
  trackingCode: string;
  number: string;
  status: CaseProjection['status'];
  subject: string;
  receivedAt: Date;
  dueAt: Date | null;
  replies: { at: Date; text: string }[];
  materialsRequested: { at: Date; items: { key: string; note: string }[] }[];
  resolution: { summary: string; legalBasis: string | null; riskNotice: string | null; referredTo: string | null; at: Date } | null;
  rejectionReasons: string[] | null;
  rating: { level: Rating; comment: string | null; at: Date } | null;
  canRate: boolean;
}

/**
 * What the person sees (Art. 6, 12): status, the committed due date, the replies and what was asked
 * of them — nothing internal (notes, staff, other tenants, ledger details).
 */
async function publicView(ctx: CommandContext, loaded: LoadedCase): Promise<PublicCaseView> {
  const p = loaded.projection;
  const events = await ctx.tx
    .select({ type: caseEvents.type, businessAt: caseEvents.businessAt, payload: caseEvents.payload })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, loaded.row.id), inArray(caseEvents.type, ['REPLIED'])))
    .orderBy(asc(caseEvents.seq));
  const replies = events.map((e) => {
    const parsed = parseCaseEvent({ type: e.type, at: e.businessAt, payload: e.payload });
    return { at: parsed.at, text: (parsed.payload as { text: string }).text };
  });
  return {
    trackingCode: loaded.row.trackingCode!,
    number: p.number,
    status: p.status,
    subject: p.subject,
    receivedAt: p.receivedAt,
    dueAt: p.status === 'RESOLVED' || p.status === 'CLOSED' || p.status === 'REJECTED' ? null : p.clocks.committed.dueAt,
    replies,
    materialsRequested: p.materialsRequests.map((m) => ({ at: m.at, items: m.items })),
    resolution: p.resolution
      ? {
          summary: p.resolution.summary,
          legalBasis: p.resolution.legalBasis,
          riskNotice: p.resolution.riskNotice,
          referredTo: p.resolution.referredTo,
          at: p.resolution.resolvedAt,
        }
      : null,
    rejectionReasons: p.rejection?.reasons ?? null,
    rating: p.rating ? { level: p.rating.score, comment: p.rating.comment, at: p.rating.ratedAt } : null,
    canRate: !p.rating && (p.status === 'RESOLVED' || p.status === 'CLOSED' || p.status === 'REJECTED'),
  };
}

export async function trackCase(ctx: CommandContext, raw: z.input<typeof TrackInput>): Promise<PublicCaseView> {
  return publicView(ctx, await caseByTracking(ctx, raw));
}

const RateInput = TrackInput.extend({
  level: z.enum(RATINGS, { message: `must be one of ${RATINGS.join(', ')}` }),
  comment: optionalText(1000),
});

/**
 * The person rates the service once, after resolution (好差评, Art. 12, 16). A negative rating opens
 * a follow-up the tenant answers within its configured working days; a resolved case closes on rating.
 * Ratings are never edited or deleted (the ledger is append-only).
 */
export async function rateCase(ctx: CommandContext, raw: z.input<typeof RateInput>): Promise<PublicCaseView> {
  const input = parseInput(RateInput, raw);
  let loaded = await caseByTracking(ctx, input);
  const p = loaded.projection;
  // The comment is the person's own voice about the service; it is not checked against the phrases
  // staff may not use (a complaint may quote exactly such a phrase).
  const negative = RATING_SCALE[input.level].negative;
  let followUpDueAt: Date | null = null;
  if (negative) {
    const settings = await loadCaseSettings(ctx.tx, p.handlerTenantId);
    const cal = await loadWorkCalendar(ctx.tx, p.handlerTenantId);
    followUpDueAt = computeAllowingProvisional(cal, (c) => addWorkingDays(c, ctx.now, settings.followUpWorkingDays)).value;
  }
  loaded = await appendEvent(ctx.tx, loaded, {
    expectedVersion: loaded.row.version,
    event: parseCaseEvent({ type: 'RATED', at: ctx.now, payload: { score: input.level, comment: input.comment ?? null, followUpDueAt } }),
    actor: ANONYMOUS,
    recordedAt: ctx.now,
  });
  if (loaded.projection.status === 'RESOLVED') {
    loaded = await appendEvent(ctx.tx, loaded, {
      expectedVersion: loaded.row.version,
      event: parseCaseEvent({ type: 'CLOSED', at: ctx.now, payload: { cause: 'RATED' } }),
      actor: ANONYMOUS,
      recordedAt: ctx.now,
    });
  }
  return publicView(ctx, loaded);
}
