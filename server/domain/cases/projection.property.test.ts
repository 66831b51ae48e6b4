import { describe, expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { clockOf, CLOCK_KINDS, extendClock, openClocks, resumeClocks, type ClockKind } from './clocks.js';
import { checkMaterialsRequest, type MaterialsItem } from './materials.js';
import { applyEvent, parseCaseEvent, replay, type CaseEvent, type CaseProjection } from './projection.js';
import { OUTCOME_RULES, OUTCOMES, CONSULTATION_CATEGORIES } from './resolution.js';
import { allowedEvents, CASE_EVENT_TYPES, type CaseEventType } from './states.js';
import { at, cal, CHECKLIST, event, TENANTS, USERS } from './test-support.js';
import { RATING_SCALE, RATINGS, STRATEGIES } from './vocabulary.js';
import { addWorkingDays } from '../calendar/deadlines.js';

/**
 * Property: random legal event sequences (seeded, bounded) replay to the same row every time, also
 * after a JSON round trip, and at every step every event the table does not allow is refused with
 * CONFLICT naming the state and the event, and changes nothing (every row is deep-frozen, so a
 * mutation would throw).
 */

const SEEDS = 150;
const MAX_EVENTS = 40;
const HOUR = 3_600_000;

/** A fresh order id (uuid-shaped) from the generator. */
function orderId(rng: Rng): string {
  const hex = () => Math.floor(rng.next() * 0x10000).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-8${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

/** mulberry32: small, seedable, good enough to pick among a handful of options. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function opened(rng: Rng, receivedAt: Date): CaseEvent {
  const consultation = rng.next() < 0.4;
  const [statutory, committed] = consultation
    ? [{ unit: 'HOURS' as const, amount: 72 }, { unit: 'HOURS' as const, amount: 24 }]
    : [{ unit: 'WORKING_DAYS' as const, amount: 15 }, { unit: 'WORKING_DAYS' as const, amount: 10 }];
  return event('OPENED', receivedAt, {
    number: `YUBEI-2026-${String(rng.int(1, 999_999)).padStart(6, '0')}`,
    originTenantId: TENANTS.yubei,
    channel: rng.pick(['ONSITE', 'HOTLINE', 'MESSAGE'] as const),
    kind: consultation ? 'CONSULTATION' : 'MATTER',
    subject: '随机案件',
    requester: { name: '欧阳娜娜', phone: '13812345678' },
    firstResponder: { userId: rng.next() < 0.8 ? USERS.clerk : null, tenantId: TENANTS.yubei },
    priority: { urgency: rng.pick(['NORMAL', 'URGENT', 'EMERGENCY'] as const), protectedGroups: rng.next() < 0.5 ? ['ELDERLY'] : [] },
    // Some cases open with due dates computed provisionally (a year not loaded), to be recomputed.
    clocks: { ...openClocks(cal, receivedAt, statutory, committed), provisionalYears: rng.next() < 0.3 ? [2027] : [] },
  });
}

/** A legal event of `type` for `row` at `now`, or null when none can be made (e.g. no clock left to extend). */
function legal(type: CaseEventType, row: CaseProjection, now: Date, rng: Rng): CaseEvent | null {
  // Ending events less often, so sequences go deep into the lifecycle before they end.
  if ((type === 'REJECTED' || type === 'CLOSED') && rng.next() < 0.75) return null;
  switch (type) {
    case 'OPENED':
      return null;
    case 'ASSIGNED':
      return event(type, now, {
        assigneeUserId: rng.pick([USERS.clerk, USERS.lawyer, null]),
        handlerTenantId: rng.next() < 0.3 ? rng.pick([TENANTS.yubei, TENANTS.yubeiLegalAid]) : null,
        reportBy: rng.next() < 0.5 ? new Date(now.getTime() + 72 * HOUR) : null,
      });
    case 'STARTED':
      return event(type, now, { strategy: rng.pick(STRATEGIES), handlingMode: 'ON_THE_SPOT', userId: USERS.lawyer });
    case 'MATERIALS_REQUESTED': {
      const first = row.materialsRequests[0];
      let items: MaterialsItem[] = CHECKLIST.filter(() => rng.next() < 0.5).map((key) => ({ key, note: `缺少 ${key}` }));
      if (items.length === 0) items = [{ key: 'id_card', note: '缺少身份证' }];
      let reason: string | undefined;
      if (first && rng.next() < 0.5) items = first.items.slice(0, 1);
      else if (first) {
        items = [...first.items, { key: `other:extra_${rng.int(1, 3)}`, note: '新的材料' }];
        reason = '新情况';
      }
      const { flagged } = checkMaterialsRequest({ checklistKeys: CHECKLIST, previousRequests: row.materialsRequests, items, reason });
      return event(type, now, { items, reason, flagged });
    }
    case 'MATERIALS_RECEIVED': {
      const c = resumeClocks(cal, row.clocks, now);
      return event(type, now, {
        pausedWorkingDays: c.pausedWorkingDays - row.clocks.pausedWorkingDays,
        statutoryDueAt: c.statutory.dueAt,
        committedDueAt: c.committed.dueAt,
      });
    }
    case 'EXTENDED': {
      const open = CLOCK_KINDS.filter((k: ClockKind) => !clockOf(row.clocks, k).extension && now <= clockOf(row.clocks, k).dueAt);
      if (open.length === 0) return null;
      const which = rng.pick(open);
      const { limit } = clockOf(row.clocks, which);
      const request = {
        at: now,
        by: { unit: limit.unit, amount: rng.int(1, limit.amount) },
        reason: '情况复杂',
        approverRoles: [rng.pick(['SUPERVISOR', 'ADMIN'] as const)],
        noticeMethod: rng.pick(['WRITTEN', 'PHONE'] as const),
        noticeAt: now,
      };
      const c = extendClock(cal, row.clocks, which, request);
      return event(type, now, {
        clock: which,
        by: request.by,
        reason: request.reason,
        approvedBy: { userId: USERS.supervisor, roles: request.approverRoles },
        noticeMethod: request.noticeMethod,
        noticeAt: now,
        dueAt: clockOf(c, which).dueAt,
      });
    }
    case 'CLOCKS_RECOMPUTED':
      return row.clocks.provisionalYears.length
        ? event(type, now, {
            statutoryDueAt: new Date(row.clocks.statutory.dueAt.getTime() + rng.int(0, 3) * 86_400_000),
            committedDueAt: new Date(row.clocks.committed.dueAt.getTime() + rng.int(0, 3) * 86_400_000),
            provisionalYears: [],
            reason: '2027年节假日安排已载入',
          })
        : null;
    case 'NOTE_ADDED':
      return event(type, now, { text: '记录', feedback: rng.next() < 0.5 });
    case 'REPLIED':
      return event(type, now, { text: '答复', channel: rng.pick(['ONSITE', null] as const) });
    case 'TRANSFER_REQUESTED': {
      const to = [TENANTS.yubei, TENANTS.yubeiLegalAid, TENANTS.hotline].filter((t) => t !== row.handlerTenantId);
      return event(type, now, { toTenantId: rng.pick(to), reason: '不属本单位职责' });
    }
    case 'TRANSFER_ACCEPTED':
      return event(type, now, {
        assigneeUserId: rng.pick([USERS.other, null]),
        // Half the receivers restart the clocks from acceptance (their own limits).
        clocks: rng.next() < 0.5 ? openClocks(cal, now, { unit: 'WORKING_DAYS', amount: 10 }, { unit: 'WORKING_DAYS', amount: 5 }) : null,
      });
    case 'SUPERVISION_ISSUED':
      return event(type, now, { orderId: orderId(rng), byTenantId: TENANTS.city, reason: '超期督办', respondBy: new Date(now.getTime() + 72 * HOUR), automatic: rng.next() < 0.5 });
    case 'SUPERVISION_RESPONDED': {
      const open = row.supervision.filter((o) => o.status === 'OPEN');
      return open.length ? event(type, now, { orderId: rng.pick(open).orderId, response: '已加快办理' }) : null;
    }
    case 'SUPERVISION_REMINDED': {
      const live = row.supervision.filter((o) => o.status === 'OPEN' || o.status === 'RESPONDED');
      return live.length ? event(type, now, { orderId: rng.pick(live).orderId, note: '请尽快办结' }) : null;
    }
    case 'SUPERVISION_CLOSED': {
      const answered = row.supervision.filter((o) => o.status === 'RESPONDED');
      return answered.length ? event(type, now, { orderId: rng.pick(answered).orderId }) : null;
    }
    case 'SUPERVISION_ESCALATED': {
      const open = row.supervision.filter((o) => o.status === 'OPEN');
      return open.length
        ? event(type, now, { orderId: rng.pick(open).orderId, newOrderId: orderId(rng), byTenantId: TENANTS.city, reason: '逾期未答复，提级督办', respondBy: new Date(now.getTime() + 48 * HOUR) })
        : null;
    }
    case 'FLAGGED':
      return event(type, now, { flag: rng.pick(['TRANSFER_UNDECIDED', 'FOLLOW_UP_OVERDUE'] as const), note: '清扫任务标记' });
    case 'TRANSFER_REJECTED':
      return event(type, now, { reason: '不属本单位职责' });
    case 'TRANSFER_WITHDRAWN':
      return event(type, now, {});
    case 'RESOLVED': {
      const outcome = rng.pick(OUTCOMES.filter((o) => (OUTCOME_RULES[o].kinds as readonly string[]).includes(row.kind)));
      return event(type, now, {
        outcome,
        strategy: rng.pick(STRATEGIES),
        summary: '办结',
        category: row.kind === 'CONSULTATION' ? rng.pick(CONSULTATION_CATEGORIES) : null,
        legalBasis: '《民法典》第五百七十七条',
        riskNotice: '注意诉讼时效',
        referredTo: '区法律援助中心',
      });
    }
    case 'REOPENED':
      return event(type, now, { reason: '未解决' });
    case 'RATED': {
      if (row.rating) return null;
      const score = rng.pick(RATINGS);
      return event(type, now, { score, followUpDueAt: RATING_SCALE[score].negative ? addWorkingDays(cal, now, 3) : null });
    }
    case 'RATING_APPEALED':
      return row.rating && !row.rating.appeal ? event(type, now, { reason: '恶意差评' }) : null;
    case 'RATING_APPEAL_DECIDED':
      return row.rating?.appeal?.status === 'PENDING'
        ? event(type, now, { decision: rng.pick(['UPHELD', 'DISMISSED'] as const), note: '经核实' })
        : null;
    case 'CLOSED':
      return event(type, now, { cause: row.rating && rng.next() < 0.7 ? 'RATED' : 'QUIET_PERIOD' });
    case 'REJECTED':
      return event(type, now, { reasons: ['不符合受理条件'] });
  }
}

/**
 * One structurally valid event of every type, for the illegal-event checks (refused on the state
 * alone, so one fixed time serves every step).
 */
function sample(type: CaseEventType, now = at('2026-01-06T10:00+08:00')): CaseEvent {
  const payloads: { [K in CaseEventType]: unknown } = {
    OPENED: opened(prng(1), at('2026-01-05T10:00+08:00')).payload,
    ASSIGNED: { assigneeUserId: USERS.other },
    STARTED: {},
    MATERIALS_REQUESTED: { items: [{ key: 'id_card', note: 'n' }], flagged: false },
    MATERIALS_RECEIVED: { pausedWorkingDays: 0, statutoryDueAt: now, committedDueAt: now },
    EXTENDED: {
      clock: 'STATUTORY',
      by: { unit: 'WORKING_DAYS', amount: 1 },
      reason: 'r',
      approvedBy: { userId: USERS.supervisor, roles: ['SUPERVISOR'] },
      noticeMethod: 'PHONE',
      noticeAt: now,
      dueAt: now,
    },
    CLOCKS_RECOMPUTED: { statutoryDueAt: now, committedDueAt: now, provisionalYears: [], reason: 'r' },
    NOTE_ADDED: { text: 't' },
    REPLIED: { text: 't' },
    TRANSFER_REQUESTED: { toTenantId: TENANTS.city, reason: 'r' },
    TRANSFER_ACCEPTED: {},
    TRANSFER_REJECTED: { reason: 'r' },
    TRANSFER_WITHDRAWN: {},
    RESOLVED: { outcome: 'WITHDRAWN', strategy: 'ANSWER', summary: 's', category: 'POLICY' },
    REOPENED: { reason: 'r' },
    RATED: { score: 'SATISFIED' },
    RATING_APPEALED: { reason: 'r' },
    SUPERVISION_ISSUED: { orderId: USERS.other, byTenantId: TENANTS.city, reason: 'r', respondBy: now },
    SUPERVISION_RESPONDED: { orderId: USERS.other, response: 'r' },
    SUPERVISION_REMINDED: { orderId: USERS.other },
    SUPERVISION_ESCALATED: { orderId: USERS.other, newOrderId: USERS.clerk, byTenantId: TENANTS.city, reason: 'r', respondBy: now },
    SUPERVISION_CLOSED: { orderId: USERS.other },
    FLAGGED: { flag: 'FOLLOW_UP_OVERDUE', note: 'n' },
    RATING_APPEAL_DECIDED: { decision: 'UPHELD', note: 'n' },
    CLOSED: { cause: 'QUIET_PERIOD' },
    REJECTED: { reasons: ['r'] },
  };
  return parseCaseEvent({ type, at: now, payload: payloads[type] });
}

const SAMPLES = Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, deepFreeze(sample(t))])) as Record<CaseEventType, CaseEvent>;

function run(seed: number) {
  const rng = prng(seed);
  let now = at('2026-01-05T09:00+08:00');
  const events: CaseEvent[] = [opened(rng, now)];
  let row = deepFreeze(applyEvent(null, events[0]!));
  let illegalChecked = 0;
  const wrong: string[] = [];
  const refusesEveryIllegalEvent = () => {
    for (const type of CASE_EVENT_TYPES) {
      if (allowedEvents(row.status).includes(type)) continue;
      try {
        applyEvent(row, SAMPLES[type]);
        wrong.push(`${row.status} + ${type}: accepted`);
      } catch (e) {
        const ok = e instanceof DomainError && e.code === 'CONFLICT' && e.message.includes(type) && e.message.includes(row.status);
        if (!ok) wrong.push(`${row.status} + ${type}: ${String(e)}`);
      }
      illegalChecked++;
    }
  };

  refusesEveryIllegalEvent();
  while (events.length < MAX_EVENTS) {
    now = new Date(now.getTime() + rng.int(1, 40) * HOUR);
    const candidates = allowedEvents(row.status)
      .map((type) => legal(type, row, now, rng))
      .filter((e): e is CaseEvent => e !== null);
    const next = rng.pick(candidates); // NOTE_ADDED and REPLIED are always possible
    row = deepFreeze(applyEvent(row, next));
    events.push(next);
    refusesEveryIllegalEvent();
  }
  expect(wrong).toEqual([]);
  return { events, row, illegalChecked };
}

describe('replaying random legal ledgers', () => {
  const seen = new Set<CaseEventType>();

  test.each(Array.from({ length: SEEDS }, (_, i) => i + 1))('seed %i', (seed) => {
    const { events, row, illegalChecked } = run(seed);
    expect(row.version).toBe(events.length);
    expect(replay(events)).toEqual(row);
    expect(replay(events)).toEqual(replay(events));
    const stored = JSON.parse(JSON.stringify(events)) as { type: string; at: string; payload: unknown }[];
    expect(replay(stored.map(parseCaseEvent))).toEqual(row);
    expect(illegalChecked).toBeGreaterThan(0);
    for (const e of events) seen.add(e.type);
  });

  test('the sequences cover every event type', () => {
    expect([...seen].sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });
});
