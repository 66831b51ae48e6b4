import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../schema/db/cases.js';
import { CHANNELS, serviceItems, serviceItemVersions, type Channel, type ServiceItemContent } from '../../../schema/db/catalogue.js';
import type { Tx } from '../../db/client.js';
import { civilDateAt, yearOf } from '../../domain/calendar/civil-date.js';
import { openClocks } from '../../domain/cases/clocks.js';
import { computeAllowingProvisional } from '../../domain/calendar/calendar.js';
import { parseCaseEvent, type CaseEvent } from '../../domain/cases/projection.js';
import { PROTECTED_GROUPS, URGENCIES, type ProtectedGroup, type Urgency } from '../../domain/cases/priority.js';
import { CASE_KINDS, HANDLING_MODES, STRATEGIES, type CaseKind } from '../../domain/cases/vocabulary.js';
import type { FormDefinition } from '../../domain/forms/definition.js';
import { validateSubmission } from '../../domain/forms/submission.js';
import { normaliseMobile } from '../../domain/identity/phone.js';
import { normaliseResidentId } from '../../domain/identity/resident-id.js';
import { canonicalJson } from '../../domain/ledger/canonical.js';
import { badInput, conflict, forbidden, type FieldErrors } from '../../domain/shared/errors.js';
import { hasRole, type Viewer } from '../../domain/tenancy/access.js';
import { canSeeCase } from '../../domain/cases/access.js';
import { requireViewer } from '../auth/viewer.js';
import { loadWorkCalendar } from '../calendar/work-calendar.js';
import type { CommandContext } from '../context.js';
import { loadTenant } from '../tenants/queries.js';
import { enumOf, optionalText, parseInput, requiredText, uniqueViolation, uuidString } from '../validation.js';
import { allocateCaseNumber } from './case-number.js';
import { loadCaseSettings } from './settings.js';
import { appendEvent, asJson, insertCase, loadCase, type Actor, type LoadedCase } from './store.js';

export const RequesterInput = z
  .object({
    name: optionalText(100),
    phone: optionalText(30),
    residentId: optionalText(30),
    otherContact: optionalText(200),
  })
  .default({});

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8-100 letters, digits or . _ : -')
  .nullish();

/** How far back an intake may be dated (a call taken before the system was reachable). */
const MAX_BACKDATE_MS = 7 * 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

const Input = z.object({
  channel: enumOf(CHANNELS),
  kind: enumOf(CASE_KINDS),
  serviceItemId: uuidString().nullish(),
  subject: requiredText(200),
  description: optionalText(10_000),
  requester: RequesterInput,
  formData: z.record(z.string(), z.unknown()).nullish(),
  strategy: enumOf(STRATEGIES).nullish(),
  handlingMode: enumOf(HANDLING_MODES).nullish(),
  appointmentAt: z.date().nullish(),
  sensitive: z.boolean().default(false),
  urgency: enumOf(URGENCIES).default('NORMAL'),
  protectedGroups: z.array(enumOf(PROTECTED_GROUPS)).max(PROTECTED_GROUPS.length).default([]),
  receivedAt: z.date().nullish(),
  idempotencyKey: IdempotencyKey,
});
export type OpenCaseInput = z.input<typeof Input>;

/** The requester checked (Art. 26: a mobile number and a resident ID number are validated wherever entered). */
export function checkRequester(requester: z.output<typeof RequesterInput>, today: string, problems: FieldErrors) {
  let phone = requester.phone ?? null;
  if (phone !== null) {
    phone = normaliseMobile(phone);
    if (phone === null) problems['requester.phone'] = 'is not a mainland mobile number';
  }
  let residentId = requester.residentId ?? null;
  if (residentId !== null) {
    const checked = normaliseResidentId(residentId, today);
    if (checked.ok) residentId = checked.value;
    else problems['requester.residentId'] = checked.reason;
  }
  return { name: requester.name ?? null, phone, residentId, otherContact: requester.otherContact ?? null };
}

/** sha256 of a request's canonical form: what an idempotent retry must repeat exactly. */
export const requestHash = (input: unknown) => createHash('sha256').update(canonicalJson(asJson(input))).digest('hex');

/**
 * The case an idempotency key already made, or null; CONFLICT when the key came with another
 * request, or when the viewer may not see what it made (a colleague replaying someone's key is
 * never handed a sensitive case, Art. 11).
 */
export async function findIdempotent(tx: Tx, tenantId: string, key: string, hash: string, viewer: Viewer | null): Promise<LoadedCase | null> {
  const [row] = await tx
    .select({ id: cases.id, requestHash: cases.requestHash })
    .from(cases)
    .where(and(eq(cases.originTenantId, tenantId), eq(cases.idempotencyKey, key)));
  if (!row) return null;
  if (row.requestHash !== hash) throw conflict('this idempotency key was already used for a different request');
  const loaded = await loadCase(tx, row.id);
  if (viewer && !canSeeCase(viewer, loaded.row, loaded.handledInSubtree)) throw conflict('this idempotency key was already used');
  return loaded;
}

/** The published version a case is opened under (Art. 10, 17): checked against the channel, its form checked. */
export async function publishedItemFor(
  tx: Tx,
  tenantId: string,
  itemId: string,
  channel: Channel,
  formData: Record<string, unknown>,
  today: string,
  problems: FieldErrors,
): Promise<PublishedItem | null> {
  const [found] = await tx
    .select({ item: serviceItems, content: serviceItemVersions.content })
    .from(serviceItems)
    .leftJoin(
      serviceItemVersions,
      and(eq(serviceItemVersions.itemId, serviceItems.id), eq(serviceItemVersions.versionNo, serviceItems.publishedVersion)),
    )
    .where(and(eq(serviceItems.id, itemId), eq(serviceItems.tenantId, tenantId)));
  if (!found) {
    problems.serviceItemId = "is not an item of this tenant's catalogue";
    return null;
  }
  if (found.item.status !== 'PUBLISHED' || !found.content || found.item.publishedVersion === null) {
    problems.serviceItemId = 'is not published';
    return null;
  }
  const content = found.content;
  if (!content.channels.includes(channel)) {
    problems.channel = `this service item is not offered on ${channel} (it is on ${content.channels.join(', ')})`;
  }
  const checked = validateSubmission(content.form as unknown as FormDefinition, formData, { today });
  if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) problems[`formData.${k}`] = v;
  return { id: found.item.id, version: found.item.publishedVersion, content, formData: checked.ok ? checked.value : {} };
}

export interface PublishedItem {
  id: string;
  version: number;
  content: ServiceItemContent;
  /** The intake form's answers, normalised. */
  formData: Record<string, unknown>;
}

export interface IntakeFacts {
  tenant: { id: string; slug: string };
  channel: Channel;
  kind: CaseKind;
  item: PublishedItem | null;
  subject: string;
  description: string | null;
  requester: { name: string | null; phone: string | null; residentId: string | null; otherContact: string | null };
  formData: Record<string, unknown>;
  firstResponderUserId: string | null;
  assigneeUserId: string | null;
  sensitive: boolean;
  urgency: Urgency;
  protectedGroups: ProtectedGroup[];
  receivedAt: Date;
  /** Walk-in, hotline and chat contacts are answered at intake (Art. 21). */
  answeredAtIntake: boolean;
}

/** The OPENED event for an intake: its number allocated and both clocks computed on the tenant's calendar. */
export async function openedEvent(tx: Tx, f: IntakeFacts): Promise<CaseEvent & { type: 'OPENED' }> {
  const settings = await loadCaseSettings(tx, f.tenant.id);
  const limits = f.item
    ? { statutory: f.item.content.statutoryLimit, committed: f.item.content.committedLimit }
    : settings.defaultLimits[f.kind];
  const cal = await loadWorkCalendar(tx, f.tenant.id);
  // Intake never waits for the holiday table (Art. 6): a limit reaching into a year not loaded yet
  // is computed on plain weeks for that year and marked provisional until the year is loaded.
  const clocks = computeAllowingProvisional(cal, (c) => openClocks(c, f.receivedAt, limits.statutory, limits.committed)).value;
  const number = await allocateCaseNumber(tx, f.tenant, yearOf(civilDateAt(f.receivedAt)));
  return parseCaseEvent({
    type: 'OPENED',
    at: f.receivedAt,
    payload: {
      number,
      originTenantId: f.tenant.id,
      channel: f.channel,
      kind: f.kind,
      serviceItem: f.item ? { id: f.item.id, version: f.item.version } : null,
      subject: f.subject,
      description: f.description,
      requester: f.requester,
      formData: f.formData,
      firstResponder: { userId: f.firstResponderUserId, tenantId: f.tenant.id },
      assigneeUserId: f.assigneeUserId,
      sensitive: f.sensitive,
      priority: { urgency: f.urgency, protectedGroups: [...new Set(f.protectedGroups)] },
      firstResponseAt: f.answeredAtIntake ? f.receivedAt : null,
      clocks,
    },
  }) as CaseEvent & { type: 'OPENED' };
}

/**
 * Takes in a consultation or matter from any channel (Art. 6-10, 13). The creator is the first
 * responder and the first assignee; with a strategy or handling mode the case is taken up at once
 * (STARTED). With an idempotency key a retry returns the case the first attempt made; the same key
 * with a different request is CONFLICT.
 */
export async function openCase(ctx: CommandContext, raw: OpenCaseInput): Promise<LoadedCase> {
  const viewer = requireViewer(ctx);
  if (!hasRole(viewer, 'STAFF') && !hasRole(viewer, 'SUPERVISOR')) throw forbidden('cases are taken in by STAFF or SUPERVISORs');
  const input = parseInput(Input, raw);
  const { idempotencyKey, ...request } = input;
  const hash = requestHash(request);
  if (idempotencyKey) {
    const existing = await findIdempotent(ctx.tx, viewer.tenantId, idempotencyKey, hash, viewer);
    if (existing) return existing;
  }

  const problems: FieldErrors = {};
  const receivedAt = input.receivedAt ?? ctx.now;
  if (receivedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) problems.receivedAt = 'is in the future';
  else if (receivedAt.getTime() < ctx.now.getTime() - MAX_BACKDATE_MS) problems.receivedAt = 'is more than 7 days ago';
  const today = civilDateAt(ctx.now);
  const requester = checkRequester(input.requester, today, problems);
  const formData = input.formData ?? {};
  const item = input.serviceItemId
    ? await publishedItemFor(ctx.tx, viewer.tenantId, input.serviceItemId, input.channel, formData, today, problems)
    : null;
  if (!input.serviceItemId && Object.keys(formData).length > 0) problems.formData = 'a case without a service item has no intake form';
  if (input.handlingMode === 'BY_APPOINTMENT' && !input.appointmentAt) problems.appointmentAt = 'an appointment needs its time (Art. 9, 10)';
  if (Object.keys(problems).length > 0) throw badInput(problems);

  const tenant = await loadTenant(ctx.tx, viewer.tenantId);
  const actor: Actor = { userId: viewer.userId, tenantId: viewer.tenantId };
  const create = async (sp: Tx) => {
    const event = await openedEvent(sp, {
      tenant,
      channel: input.channel,
      kind: input.kind,
      item,
      subject: input.subject,
      description: input.description ?? null,
      requester,
      formData: item?.formData ?? {},
      firstResponderUserId: viewer.userId,
      assigneeUserId: viewer.userId,
      sensitive: input.sensitive,
      urgency: input.urgency,
      protectedGroups: input.protectedGroups,
      receivedAt,
      answeredAtIntake: input.channel === 'ONSITE' || input.channel === 'HOTLINE' || input.channel === 'ONLINE',
    });
    let loaded = await insertCase(sp, {
      event,
      actor,
      recordedAt: ctx.now,
      extra: idempotencyKey ? { idempotencyKey, requestHash: hash } : {},
    });
    if (input.strategy || input.handlingMode) {
      loaded = await appendEvent(sp, loaded, {
        expectedVersion: loaded.row.version,
        event: parseCaseEvent({
          type: 'STARTED',
          at: receivedAt,
          payload: {
            strategy: input.strategy ?? null,
            handlingMode: input.handlingMode ?? null,
            appointmentAt: input.appointmentAt ?? null,
            userId: viewer.userId,
          },
        }),
        actor,
        recordedAt: ctx.now,
      });
    }
    return loaded;
  };
  if (!idempotencyKey) return create(ctx.tx);
  try {
    return await ctx.tx.transaction(create);
  } catch (err) {
    // A concurrent retry with the same key won: return what it made (or CONFLICT for another payload).
    if (uniqueViolation(err) !== null) {
      const existing = await findIdempotent(ctx.tx, viewer.tenantId, idempotencyKey, hash, viewer);
      if (existing) return existing;
    }
    throw err;
  }
}

