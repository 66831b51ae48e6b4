/**
 * The case ledger's events (Art. 18; STYLE.md habit 6): a typed action with a validated payload.
 * EVENT_PAYLOADS is what the server checks before appending and again when it reads rows back
 * (instants arrive as ISO strings from jsonb and leave as Dates). Actor, tenant, record time and
 * hashes belong to the ledger row, not to the payload: the projection does not depend on them.
 *
 * Payloads record the results of calendar arithmetic (due dates at opening, after a pause, after
 * an extension), so replaying a ledger never needs the calendar and a later edit of the holiday
 * table cannot change a past case.
 */
import { z } from 'zod';
import { CHANNELS } from '../../../schema/db/catalogue.js';
import { USER_ROLES } from '../../../schema/db/tenancy.js';
import { TIME_LIMIT_UNITS } from '../calendar/deadlines.js';
import { badInput, type FieldErrors } from '../shared/errors.js';
import { parseCaseNumber } from './case-number.js';
import { CLOCK_KINDS, NOTICE_METHODS } from './clocks.js';
import { PROTECTED_GROUPS, URGENCIES } from './priority.js';
import { CONSULTATION_CATEGORIES, OUTCOMES } from './resolution.js';
import { CASE_EVENT_TYPES, type CaseEventType } from './states.js';
import { CASE_FLAGS, CASE_KINDS, CLOSE_CAUSES, HANDLING_MODES, RATINGS, STRATEGIES } from './vocabulary.js';

/** A Date, or an ISO-8601 date-time with an offset (as stored in jsonb); always a Date out. */
const instant = z
  .union([z.date(), z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset' })])
  .transform((v) => (typeof v === 'string' ? new Date(v) : v));
const id = z.uuid({ message: 'must be an id' });
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
/** Optional text: absent, null and blank all become null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const limit = z.object({
  unit: z.enum(TIME_LIMIT_UNITS, { message: 'must be WORKING_DAYS, CALENDAR_DAYS or HOURS' }),
  amount: z.number().int('must be a whole number').min(0, 'must be >= 0'),
});
const clockAtOpening = z.object({ limit, dueAt: instant });
/** Years a calculation assumed plain Monday-Friday weeks for (no arrangement loaded yet). */
const provisionalYears = z.array(z.number().int().min(1000).max(9999)).max(10).default([]);

const opened = z.object({
  number: z.string().refine((s) => parseCaseNumber(s) !== null, 'is not a case number'),
  originTenantId: id,
  channel: z.enum(CHANNELS, { message: 'is not a channel' }),
  kind: z.enum(CASE_KINDS, { message: 'must be CONSULTATION or MATTER' }),
  serviceItem: z.object({ id, version: z.number().int().positive() }).nullable().default(null),
  subject: text(200),
  description: optionalText(10_000),
  // Validated in full (mobile number, ID check digit) by the use case's form types; stored as given.
  requester: z.object({
    name: optionalText(100),
    phone: optionalText(30),
    residentId: optionalText(18),
    otherContact: optionalText(200),
  }),
  formData: z.record(z.string(), z.unknown()).default({}),
  // Art. 13: never changes. A message left online has no user until someone takes it up (STARTED).
  firstResponder: z.object({ userId: id.nullable(), tenantId: id }),
  assigneeUserId: id.nullable().default(null),
  sensitive: z.boolean().default(false),
  priority: z.object({
    urgency: z.enum(URGENCIES, { message: 'must be NORMAL, URGENT or EMERGENCY' }),
    protectedGroups: z.array(z.enum(PROTECTED_GROUPS, { message: 'is not a protected group' })).max(PROTECTED_GROUPS.length),
  }),
  // Walk-in and hotline contacts are answered at intake (Art. 21).
  firstResponseAt: instant.nullable().default(null),
  // openClocks(...)'s result fits here as it is (extra fields are dropped).
  clocks: z.object({ receivedAt: instant, statutory: clockAtOpening, committed: clockAtOpening, provisionalYears }),
});

const started = z
  .object({
    strategy: z.enum(STRATEGIES, { message: 'must be ANSWER, GUIDE or REFER' }).nullable().default(null),
    handlingMode: z.enum(HANDLING_MODES, { message: 'must be ON_THE_SPOT, BY_APPOINTMENT or TRANSFER' }).nullable().default(null),
    appointmentAt: instant.nullable().default(null),
    /** Who took it up; becomes the first responder's user if the case had none. */
    userId: id.nullable().default(null),
  })
  .superRefine((p, c) => {
    if (p.handlingMode === 'BY_APPOINTMENT' && !p.appointmentAt) {
      c.addIssue({ code: 'custom', path: ['appointmentAt'], message: 'an appointment needs its time (Art. 9, 10)' });
    }
  });

export const EVENT_PAYLOADS = {
  OPENED: opened,
  ASSIGNED: z.object({
    assigneeUserId: id.nullable(),
    /** 交办 (Art. 12): an ancestor sends the case down to this tenant; absent = inside the handler. */
    handlerTenantId: id.nullable().default(null),
    reportBy: instant.nullable().default(null),
    /** The instructions that come with a 交办. */
    note: optionalText(2000),
  }),
  STARTED: started,
  MATERIALS_REQUESTED: z.object({
    items: z.array(z.object({ key: z.string().min(1).max(60), note: text(500) })).min(1, 'needs at least one item').max(100),
    reason: optionalText(2000),
    /** checkMaterialsRequest's verdict; the projection checks it agrees with the rule. */
    flagged: z.boolean(),
  }),
  MATERIALS_RECEIVED: z.object({
    note: optionalText(2000),
    // resumeClocks(...)'s results.
    pausedWorkingDays: z.number().int('must be a whole number').min(0, 'must be >= 0'),
    statutoryDueAt: instant,
    committedDueAt: instant,
    provisionalYears,
  }),
  EXTENDED: z.object({
    clock: z.enum(CLOCK_KINDS, { message: 'must be STATUTORY or COMMITTED' }),
    by: limit,
    reason: text(2000),
    approvedBy: z.object({ userId: id, roles: z.array(z.enum(USER_ROLES, { message: 'is not a role' })) }),
    noticeMethod: z.enum(NOTICE_METHODS, { message: 'must be WRITTEN or PHONE' }),
    noticeAt: instant,
    /** extendClock(...)'s new due date. */
    dueAt: instant,
    provisionalYears,
  }),
  // Due dates computed again once the arrangement of a year they assumed is loaded.
  CLOCKS_RECOMPUTED: z.object({
    statutoryDueAt: instant,
    committedDueAt: instant,
    /** Years still assumed (not loaded yet); empty: the due dates are final. */
    provisionalYears,
    reason: text(500),
  }),
  NOTE_ADDED: z.object({
    text: text(5000),
    /** Feedback the first responder's tenant sees after a transfer (Art. 13). */
    feedback: z.boolean().default(false),
  }),
  REPLIED: z.object({
    text: text(5000),
    channel: z.enum(CHANNELS, { message: 'is not a channel' }).nullable().default(null),
  }),
  TRANSFER_REQUESTED: z.object({ toTenantId: id, reason: text(2000), decideBy: instant.nullable().default(null) }),
  TRANSFER_ACCEPTED: z.object({
    assigneeUserId: id.nullable().default(null),
    /** The receiver's own published item it attaches (Art. 10), if any. */
    serviceItem: z.object({ id, version: z.number().int().positive() }).nullable().default(null),
    /** The receiver's clocks, computed from acceptance (null: the running clocks carry on). */
    clocks: z.object({ receivedAt: instant, statutory: clockAtOpening, committed: clockAtOpening, provisionalYears }).nullable().default(null),
  }),
  TRANSFER_REJECTED: z.object({ reason: text(2000) }),
  TRANSFER_WITHDRAWN: z.object({ reason: optionalText(2000) }),
  RESOLVED: z.object({
    outcome: z.enum(OUTCOMES, { message: 'is not an outcome' }),
    strategy: z.enum(STRATEGIES, { message: 'must be ANSWER, GUIDE or REFER' }),
    summary: text(5000),
    category: z.enum(CONSULTATION_CATEGORIES, { message: 'must be LEGAL, POLICY or INSTITUTION' }).nullable().default(null),
    legalBasis: optionalText(5000),
    riskNotice: optionalText(2000),
    referredTo: optionalText(500),
  }),
  REOPENED: z.object({ reason: text(2000) }),
  RATED: z.object({
    score: z.enum(RATINGS, { message: 'is not a rating' }),
    comment: optionalText(1000),
    /** A negative rating's follow-up is answered by then (the calendar's result; null otherwise). */
    followUpDueAt: instant.nullable().default(null),
  }),
  RATING_APPEALED: z.object({ reason: text(2000) }),
  // 督办 (Art. 12, 15): an ancestor's supervision order on the case, and its steps.
  SUPERVISION_ISSUED: z.object({
    orderId: id,
    byTenantId: id,
    reason: text(2000),
    respondBy: instant,
    /** Raised by the sweeper for an overdue case, not by a person. */
    automatic: z.boolean().default(false),
  }),
  SUPERVISION_RESPONDED: z.object({ orderId: id, response: text(5000) }),
  SUPERVISION_REMINDED: z.object({ orderId: id, note: optionalText(2000) }),
  /** An order unanswered past its respond-by date goes to the next ancestor up (a new order). */
  SUPERVISION_ESCALATED: z.object({ orderId: id, newOrderId: id, byTenantId: id, reason: text(2000), respondBy: instant }),
  SUPERVISION_CLOSED: z.object({ orderId: id, note: optionalText(2000) }),
  /** A mark for supervisors, raised by the sweeper (an undecided transfer, an unanswered follow-up). */
  FLAGGED: z.object({ flag: z.enum(CASE_FLAGS, { message: 'is not a case flag' }), note: text(500) }),
  RATING_APPEAL_DECIDED: z.object({
    /** UPHELD: the rating was malicious and leaves the statistics; DISMISSED: it stands. */
    decision: z.enum(['UPHELD', 'DISMISSED'], { message: 'must be UPHELD or DISMISSED' }),
    note: text(2000),
  }),
  CLOSED: z.object({ cause: z.enum(CLOSE_CAUSES, { message: 'must be RATED or QUIET_PERIOD' }) }),
  REJECTED: z.object({ reasons: z.array(text(1000)).min(1, 'give the reasons the case is not accepted') }),
} as const satisfies Record<CaseEventType, z.ZodType>;

export type CaseEventPayload<K extends CaseEventType> = z.output<(typeof EVENT_PAYLOADS)[K]>;
/** What a writer may pass (instants as Dates or ISO strings, defaults omitted). */
export type CaseEventPayloadInput<K extends CaseEventType> = z.input<(typeof EVENT_PAYLOADS)[K]>;

export type CaseEventOf<K extends CaseEventType> = { type: K; at: Date; payload: CaseEventPayload<K> };
/** One ledger event as the domain sees it: type, business time, payload. */
export type CaseEvent = { [K in CaseEventType]: CaseEventOf<K> }[CaseEventType];

/**
 * Checks a raw `{ type, at, payload }` (from an API input or a ledger row) and returns the typed
 * event; BAD_USER_INPUT keyed `type`, `at`, `payload.<path>`.
 */
export function parseCaseEvent(raw: { type: unknown; at: unknown; payload: unknown }): CaseEvent {
  const problems: FieldErrors = {};
  const type = raw.type;
  if (typeof type !== 'string' || !(CASE_EVENT_TYPES as readonly string[]).includes(type)) {
    throw badInput({ type: 'is not a case event type' });
  }
  const at = instant.safeParse(raw.at);
  if (!at.success) problems.at = 'must be a date-time';
  const payload = EVENT_PAYLOADS[type as CaseEventType].safeParse(raw.payload);
  if (!payload.success) {
    for (const issue of payload.error.issues) problems[['payload', ...issue.path.map(String)].join('.')] ??= issue.message;
  }
  if (!at.success || !payload.success) throw badInput(problems);
  return { type, at: at.data, payload: payload.data } as CaseEvent;
}
