/**
 * The case row as a projection of its ledger (Art. 18; DESIGN.md "Work ledger"; STYLE.md habit
 * 6): `replay(events)` gives the row, and appending an event is `applyEvent(row, event)`.
 *
 * The reducer refuses (and so changes nothing):
 * - any event the state machine does not allow in the case's state (CONFLICT, states.ts);
 * - what would break a rule the ledger itself must keep: a second extension of a clock, an
 *   extension after the due date or without approval and notice (Art. 15), a materials request
 *   whose recorded flag disagrees with the one-time-notification rule or that adds items without a
 *   reason (Art. 14), a resolution missing what Art. 9/11/22 require, a second rating, a close
 *   "after rating" with no rating, a transfer to the handler itself.
 * Rules that need data outside the case (the materials checklist, the calendar, who the approver
 * is) are checked by the use case before it appends (checkMaterialsRequest, extendClock ...).
 *
 * It never mutates its input: every step returns a new object.
 */
import type { Channel } from '../../../schema/db/catalogue.js';
import { conflict } from '../shared/errors.js';
import { applyRecordedExtension, applyRecordedResume, pauseClocks, type CaseClocks } from './clocks.js';
import type { CaseEvent, CaseEventOf } from './events.js';
import type { Requester } from './masking.js';
import { keysBeyondFirstRequest, type MaterialsItem } from './materials.js';
import { computePriority, type Priority, type PriorityInput } from './priority.js';
import { checkResolution, type Resolution } from './resolution.js';
import { nextState, type CaseState } from './states.js';
import {
  RATING_SCALE,
  type CaseFlag,
  type CaseKind,
  type CloseCause,
  type HandlingMode,
  type Rating,
  type Strategy,
} from './vocabulary.js';

export { EVENT_PAYLOADS, parseCaseEvent } from './events.js';
export type { CaseEvent, CaseEventOf, CaseEventPayload, CaseEventPayloadInput } from './events.js';

export interface MaterialsRequestRecord {
  at: Date;
  items: MaterialsItem[];
  reason: string | null;
  flagged: boolean;
}

export const SUPERVISION_STATUSES = ['OPEN', 'RESPONDED', 'CLOSED', 'ESCALATED'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export interface SupervisionOrderRecord {
  orderId: string;
  byTenantId: string;
  reason: string;
  issuedAt: Date;
  respondBy: Date;
  automatic: boolean;
  status: SupervisionStatus;
  response: string | null;
  respondedAt: Date | null;
  reminders: number;
  closedAt: Date | null;
  /** The order this one replaced (escalation), or null. */
  escalatedFrom: string | null;
}

export interface CaseProjection {
  number: string;
  status: CaseState;
  /** Events applied; the row's optimistic-concurrency version. */
  version: number;
  openedAt: Date;
  updatedAt: Date;
  originTenantId: string;
  handlerTenantId: string;
  channel: Channel;
  kind: CaseKind;
  serviceItem: { id: string; version: number } | null;
  subject: string;
  description: string | null;
  requester: Requester;
  formData: Record<string, unknown>;
  firstResponder: { userId: string | null; tenantId: string };
  assigneeUserId: string | null;
  /** The last 交办 (Art. 12): who sent it down and by when the handler reports. */
  assignment: { fromTenantId: string; reportBy: Date | null; at: Date } | null;
  strategy: Strategy | null;
  handlingMode: HandlingMode | null;
  appointmentAt: Date | null;
  sensitive: boolean;
  priority: PriorityInput & Priority;
  receivedAt: Date;
  firstResponseAt: Date | null;
  clocks: CaseClocks;
  materialsRequests: MaterialsRequestRecord[];
  /** Supervision orders on the case (Art. 12, 15), oldest first. */
  supervision: SupervisionOrderRecord[];
  /** The transfer waiting for the receiver's decision. */
  transfer: { toTenantId: string; reason: string; requestedAt: Date; decideBy: Date | null } | null;
  resolution: (Resolution & { resolvedAt: Date }) | null;
  rejection: { reasons: string[]; rejectedAt: Date } | null;
  reopenCount: number;
  lastReopen: { at: Date; reason: string } | null;
  rating: {
    score: Rating;
    comment: string | null;
    ratedAt: Date;
    /** The tenant's appeal against the rating as malicious, and the parent supervisor's decision. */
    appeal: { reason: string; at: Date; status: 'PENDING' | 'UPHELD' | 'DISMISSED'; note: string | null; decidedAt: Date | null } | null;
  } | null;
  /** A negative rating waits for the tenant's reply. */
  followUpPending: boolean;
  /** By when the follow-up of a negative rating must be answered. */
  followUpDueAt: Date | null;
  closedAt: Date | null;
  closeCause: CloseCause | null;
  flags: CaseFlag[];
}

const withFlag = (flags: CaseFlag[], flag: CaseFlag): CaseFlag[] => (flags.includes(flag) ? flags : [...flags, flag]);

/** The row after `event`; CONFLICT (or BAD_USER_INPUT for a broken rule) and nothing changed otherwise. */
export function applyEvent(state: CaseProjection | null, event: CaseEvent): CaseProjection {
  const status = nextState(state?.status ?? null, event.type);
  if (event.type === 'OPENED') return opened(event);
  if (!state) throw conflict(`there is no case yet for ${event.type}`); // unreachable: nextState refused
  const s: CaseProjection = { ...state, status, version: state.version + 1, updatedAt: event.at };
  const at = event.at;

  switch (event.type) {
    case 'ASSIGNED': {
      const p = event.payload;
      const down = p.handlerTenantId !== null && p.handlerTenantId !== s.handlerTenantId;
      return {
        ...s,
        assigneeUserId: p.assigneeUserId,
        handlerTenantId: p.handlerTenantId ?? s.handlerTenantId,
        assignment: down ? { fromTenantId: s.handlerTenantId, reportBy: p.reportBy, at } : s.assignment,
      };
    }
    case 'STARTED': {
      const p = event.payload;
      return {
        ...s,
        strategy: p.strategy ?? s.strategy,
        handlingMode: p.handlingMode ?? s.handlingMode,
        appointmentAt: p.appointmentAt ?? s.appointmentAt,
        firstResponder: s.firstResponder.userId ? s.firstResponder : { ...s.firstResponder, userId: p.userId },
      };
    }
    case 'MATERIALS_REQUESTED': {
      const p = event.payload;
      const added = keysBeyondFirstRequest(s.materialsRequests, p.items);
      if (added.length > 0 && !p.reason) {
        throw conflict(`${added.join(', ')} were not in the first notification and the request gives no reason (Art. 14)`);
      }
      if (p.flagged !== added.length > 0) {
        throw conflict(`the request is recorded as ${p.flagged ? '' : 'not '}flagged, but the one-time-notification rule says otherwise (Art. 14)`);
      }
      return {
        ...s,
        clocks: pauseClocks(s.clocks, at),
        materialsRequests: [...s.materialsRequests, { at, items: p.items, reason: p.reason, flagged: p.flagged }],
        flags: p.flagged ? withFlag(s.flags, 'LATE_MATERIALS_REQUEST') : s.flags,
      };
    }
    case 'MATERIALS_RECEIVED':
      return { ...s, clocks: applyRecordedResume(s.clocks, at, event.payload) };
    case 'EXTENDED': {
      const p = event.payload;
      const clocks = applyRecordedExtension(s.clocks, p.clock, {
        at,
        by: p.by,
        reason: p.reason,
        approverRoles: p.approvedBy.roles,
        approvedBy: p.approvedBy.userId,
        noticeMethod: p.noticeMethod,
        noticeAt: p.noticeAt,
        dueAt: p.dueAt,
        provisionalYears: p.provisionalYears,
      });
      return { ...s, clocks };
    }
    case 'CLOCKS_RECOMPUTED': {
      const p = event.payload;
      if (s.clocks.provisionalYears.length === 0) throw conflict('the due dates are final: nothing was computed provisionally');
      return {
        ...s,
        clocks: {
          ...s.clocks,
          statutory: { ...s.clocks.statutory, dueAt: p.statutoryDueAt },
          committed: { ...s.clocks.committed, dueAt: p.committedDueAt },
          provisionalYears: [...p.provisionalYears],
        },
      };
    }
    case 'NOTE_ADDED':
      return s;
    case 'REPLIED':
      return { ...s, firstResponseAt: s.firstResponseAt ?? at, followUpPending: false, followUpDueAt: null };
    case 'TRANSFER_REQUESTED': {
      const p = event.payload;
      if (p.toTenantId === s.handlerTenantId) throw conflict('a case cannot be transferred to the tenant already handling it');
      return { ...s, transfer: { toTenantId: p.toTenantId, reason: p.reason, requestedAt: at, decideBy: p.decideBy } };
    }
    case 'TRANSFER_ACCEPTED': {
      const p = event.payload;
      const clocks = p.clocks
        ? {
            receivedAt: p.clocks.receivedAt,
            statutory: freshClock(p.clocks.statutory),
            committed: freshClock(p.clocks.committed),
            pausedSince: null,
            pausedWorkingDays: 0,
            provisionalYears: [...p.clocks.provisionalYears],
          }
        : s.clocks;
      return {
        ...s,
        handlerTenantId: s.transfer?.toTenantId ?? s.handlerTenantId,
        assigneeUserId: p.assigneeUserId,
        serviceItem: p.serviceItem ?? s.serviceItem,
        clocks,
        // A new handler starts without the previous one's assignment from above.
        assignment: null,
        transfer: null,
      };
    }
    case 'SUPERVISION_ISSUED': {
      const p = event.payload;
      if (s.supervision.some((o) => o.orderId === p.orderId)) throw conflict('this supervision order is already on the case');
      return { ...s, supervision: [...s.supervision, newOrder(p.orderId, p.byTenantId, p.reason, at, p.respondBy, p.automatic, null)] };
    }
    case 'SUPERVISION_RESPONDED':
      return { ...s, supervision: withOrder(s.supervision, event.payload.orderId, ['OPEN'], (o) => ({ ...o, status: 'RESPONDED', response: event.payload.response, respondedAt: at })) };
    case 'SUPERVISION_REMINDED':
      // 催办: the answer did not do; the handler must answer again.
      return { ...s, supervision: withOrder(s.supervision, event.payload.orderId, ['OPEN', 'RESPONDED'], (o) => ({ ...o, status: 'OPEN', reminders: o.reminders + 1 })) };
    case 'SUPERVISION_CLOSED':
      // Closed by its issuer once answered, or ended without an answer when the case left the
      // issuer's tree (a transfer); the use cases decide which.
      return { ...s, supervision: withOrder(s.supervision, event.payload.orderId, ['OPEN', 'RESPONDED'], (o) => ({ ...o, status: 'CLOSED', closedAt: at })) };
    case 'SUPERVISION_ESCALATED': {
      const p = event.payload;
      if (s.supervision.some((o) => o.orderId === p.newOrderId)) throw conflict('this supervision order is already on the case');
      const escalated = withOrder(s.supervision, p.orderId, ['OPEN'], (o) => ({ ...o, status: 'ESCALATED', closedAt: at }));
      return { ...s, supervision: [...escalated, newOrder(p.newOrderId, p.byTenantId, p.reason, at, p.respondBy, true, p.orderId)] };
    }
    case 'FLAGGED':
      return { ...s, flags: withFlag(s.flags, event.payload.flag) };
    case 'TRANSFER_REJECTED':
    case 'TRANSFER_WITHDRAWN':
      return { ...s, transfer: null };
    case 'RESOLVED': {
      const resolution = checkResolution({ kind: s.kind, ...event.payload });
      return { ...s, strategy: resolution.strategy, resolution: { ...resolution, resolvedAt: at } };
    }
    case 'REOPENED':
      return {
        ...s,
        resolution: null,
        reopenCount: s.reopenCount + 1,
        lastReopen: { at, reason: event.payload.reason },
        flags: withFlag(s.flags, 'REOPENED'),
      };
    case 'RATED': {
      const p = event.payload;
      if (s.rating) throw conflict(`the case was already rated on ${s.rating.ratedAt.toISOString()}; a case is rated once`);
      const negative = RATING_SCALE[p.score].negative;
      if (negative !== (p.followUpDueAt !== null)) {
        throw conflict(negative ? 'a negative rating opens a follow-up with a due date' : 'only a negative rating opens a follow-up');
      }
      return {
        ...s,
        rating: { score: p.score, comment: p.comment, ratedAt: at, appeal: null },
        followUpPending: negative || s.followUpPending,
        followUpDueAt: negative ? p.followUpDueAt : s.followUpDueAt,
        flags: negative ? withFlag(s.flags, 'NEGATIVE_RATING') : s.flags,
      };
    }
    case 'RATING_APPEALED': {
      if (!s.rating) throw conflict('the case has no rating to appeal');
      if (s.rating.appeal) throw conflict('the rating was already appealed; a rating is appealed once');
      return { ...s, rating: { ...s.rating, appeal: { reason: event.payload.reason, at, status: 'PENDING', note: null, decidedAt: null } } };
    }
    case 'RATING_APPEAL_DECIDED': {
      const appeal = s.rating?.appeal;
      if (!s.rating || !appeal || appeal.status !== 'PENDING') throw conflict('there is no appeal waiting for a decision');
      const p = event.payload;
      return { ...s, rating: { ...s.rating, appeal: { ...appeal, status: p.decision, note: p.note, decidedAt: at } } };
    }
    case 'CLOSED':
      if (event.payload.cause === 'RATED' && !s.rating) throw conflict('the case has no rating to close after');
      return { ...s, closedAt: at, closeCause: event.payload.cause };
    case 'REJECTED':
      return { ...s, rejection: { reasons: event.payload.reasons, rejectedAt: at } };
    default: {
      const unknown: never = event;
      throw conflict(`unknown case event ${(unknown as { type: string }).type}`);
    }
  }
}

function opened(event: CaseEventOf<'OPENED'>): CaseProjection {
  const p = event.payload;
  const clock = (c: { limit: { unit: CaseClocks['statutory']['limit']['unit']; amount: number }; dueAt: Date }) => ({
    limit: c.limit,
    originalDueAt: c.dueAt,
    dueAt: c.dueAt,
    extension: null,
  });
  return {
    number: p.number,
    status: 'OPEN',
    version: 1,
    openedAt: event.at,
    updatedAt: event.at,
    originTenantId: p.originTenantId,
    handlerTenantId: p.originTenantId,
    channel: p.channel,
    kind: p.kind,
    serviceItem: p.serviceItem,
    subject: p.subject,
    description: p.description,
    requester: p.requester,
    formData: p.formData,
    firstResponder: p.firstResponder,
    assigneeUserId: p.assigneeUserId,
    assignment: null,
    strategy: null,
    handlingMode: null,
    appointmentAt: null,
    sensitive: p.sensitive,
    priority: { ...p.priority, ...computePriority(p.priority) },
    receivedAt: p.clocks.receivedAt,
    firstResponseAt: p.firstResponseAt,
    clocks: {
      receivedAt: p.clocks.receivedAt,
      statutory: clock(p.clocks.statutory),
      committed: clock(p.clocks.committed),
      pausedSince: null,
      pausedWorkingDays: 0,
      provisionalYears: [...p.clocks.provisionalYears],
    },
    materialsRequests: [],
    supervision: [],
    transfer: null,
    resolution: null,
    rejection: null,
    reopenCount: 0,
    lastReopen: null,
    rating: null,
    followUpPending: false,
    followUpDueAt: null,
    closedAt: null,
    closeCause: null,
    flags: [],
  };
}

function freshClock(c: { limit: CaseClocks['statutory']['limit']; dueAt: Date }) {
  return { limit: c.limit, originalDueAt: c.dueAt, dueAt: c.dueAt, extension: null };
}

function newOrder(orderId: string, byTenantId: string, reason: string, at: Date, respondBy: Date, automatic: boolean, escalatedFrom: string | null): SupervisionOrderRecord {
  return { orderId, byTenantId, reason, issuedAt: at, respondBy, automatic, status: 'OPEN', response: null, respondedAt: null, reminders: 0, closedAt: null, escalatedFrom };
}

/** The orders with one changed; CONFLICT when it is not on the case or not in one of `from`. */
function withOrder(
  orders: SupervisionOrderRecord[],
  orderId: string,
  from: readonly SupervisionStatus[],
  change: (o: SupervisionOrderRecord) => SupervisionOrderRecord,
): SupervisionOrderRecord[] {
  const order = orders.find((o) => o.orderId === orderId);
  if (!order) throw conflict('no such supervision order on this case');
  if (!from.includes(order.status)) throw conflict(`the supervision order is ${order.status}; this step needs it ${from.join(' or ')}`);
  return orders.map((o) => (o.orderId === orderId ? change(o) : o));
}

/** The row a ledger gives: its events applied in order from nothing. */
export function replay(events: readonly CaseEvent[]): CaseProjection | null {
  return events.reduce<CaseProjection | null>((row, event) => applyEvent(row, event), null);
}
