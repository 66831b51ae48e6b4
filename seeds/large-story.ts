/**
 * One case's life, as the app would have written it: every step is a ledger event built by the
 * domain (parseCaseEvent, applyEvent, the clocks and calendar functions), hash-chained
 * (nextEntry), with the activity rows activityOf gives and the supervision-order rows the use
 * cases keep beside them. Between the people's steps the sweeper does what it does every minute
 * (server/usecases/cases/sweep.ts): the parent's automatic order for an overdue case, escalation
 * of an unanswered order, marks for undecided transfers and unanswered follow-ups, and the
 * quiet-period close. Nothing happens after NOW_MS.
 */
import { computeAllowingProvisional, isWorkingDay, nextWorkingDay, type WorkCalendar } from '../server/domain/calendar/calendar.js';
import { civilDateAt, msIntoDay, startOfDay } from '../server/domain/calendar/civil-date.js';
import { addWorkingDays } from '../server/domain/calendar/deadlines.js';
import { applyEvent, parseCaseEvent, type CaseProjection } from '../server/domain/cases/projection.js';
import type { CaseEventType } from '../server/domain/cases/states.js';
import { nextEntry } from '../server/domain/ledger/chain.js';
import { activityOf } from '../server/domain/stats/activity.js';
import { asJson, type Actor } from '../server/usecases/cases/store.js';
import type { City, CityTenant, CityUser } from './large-city.js';
import { NOW_MS, type Intake } from './large-intake.js';
import type { Rng } from './large-random.js';

export type Cell = string | number | boolean | null | readonly string[];

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** The sweeper runs every minute; it acts this long after a condition starts to hold. */
const SWEEP_LAG = 30_000;
const SYSTEM: Actor = { userId: null, tenantId: null };
const ACTIVE = new Set(['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING']);
const SUPERVISION_RESPOND_WORKING_DAYS = 3;

export const iso = (ms: number | Date) => new Date(ms).toISOString();

export interface OrderRow {
  id: string;
  tenantId: string;
  issuerTenantId: string;
  issuerUserId: string | null;
  reason: string;
  respondBy: number;
  status: 'OPEN' | 'RESPONDED' | 'CLOSED' | 'ESCALATED';
  automatic: boolean;
  escalatedFromId: string | null;
  response: string | null;
  respondedAt: number | null;
  respondedBy: string | null;
  closedAt: number | null;
  issuedAt: number;
  version: number;
  updatedAt: number;
}

interface Pending {
  at: number;
  n: number;
  run: (at: number) => void;
}

/** The calendar twice: strict for what the ledger records, and with later years as plain weeks for "when do people work". */
export interface Calendars {
  strict: WorkCalendar;
  loose: WorkCalendar;
}

export class Story {
  p!: CaseProjection;
  readonly id: string;
  seq = 0;
  lastHash = '';
  cursor: number;
  readonly events: Cell[][] = [];
  readonly activity: Cell[][] = [];
  readonly orders = new Map<string, OrderRow>();
  closesAt: number | null = null;
  rejectedBy: string | null = null;
  firstReplier: string | null = null;
  readonly #pending: Pending[] = [];
  #n = 0;

  constructor(
    readonly city: City,
    readonly cals: Calendars,
    readonly intake: Intake,
    readonly rng: Rng,
  ) {
    this.id = rng.uuid(intake.receivedMs);
    this.cursor = intake.receivedMs;
  }

  get handler(): CityTenant {
    return this.city.byId.get(this.p.handlerTenantId)!;
  }

  /** A calendar calculation as the use cases make it: a year not loaded yet counts as plain weeks, and is recorded. */
  provisional<T>(f: (cal: WorkCalendar) => T): { value: T; provisionalYears: number[] } {
    return computeAllowingProvisional(this.cals.strict, f);
  }

  addWorkingDays(at: number, n: number): Date {
    return this.provisional((c) => addWorkingDays(c, new Date(at), n)).value;
  }

  /** Appends one event: checked, applied, chained, with its activity rows. */
  emit(type: CaseEventType, at: number, payload: unknown, actor: Actor, opts: { ledgerTenantId?: string; recordedAt?: number } = {}): void {
    const event = parseCaseEvent({ type, at: new Date(at), payload });
    const before = this.seq ? this.p : null;
    if (before) {
      for (const a of activityOf(before, event)) this.activity.push([this.rng.uuid(at), a.tenantId, this.id, a.kind, a.onTime, iso(a.at), a.day]);
    }
    const next = applyEvent(before, event);
    const tenantId = opts.ledgerTenantId ?? (before ?? next).handlerTenantId;
    const recordedAt = opts.recordedAt ?? at;
    const json = asJson(event.payload);
    const entry = nextEntry(this.seq ? { seq: this.seq, hash: this.lastHash } : null, {
      caseId: this.id,
      type,
      tenantId,
      actorUserId: actor.userId,
      actorTenantId: actor.tenantId,
      businessAt: iso(at),
      recordedAt: iso(recordedAt),
      payload: json,
    });
    this.events.push([this.rng.uuid(this.intake.receivedMs), this.id, tenantId, entry.seq, type, actor.userId, actor.tenantId, iso(at), iso(recordedAt), JSON.stringify(json), entry.prevHash, entry.hash]);
    this.seq = entry.seq;
    this.lastHash = entry.hash;
    this.p = next;
    this.cursor = Math.max(this.cursor, recordedAt);
    if (next.status !== 'RESOLVED') this.closesAt = null;
  }

  /** Something that happens on its own clock (an answer to an order, a follow-up reply). */
  later(at: number, run: (at: number) => void): void {
    this.#pending.push({ at, n: this.#n++, run });
  }

  /**
   * Lets time pass up to `ms`: pending steps and the sweeper's passes, in time order. False when
   * `ms` is after NOW_MS (the story stops there).
   */
  advanceTo(ms: number): boolean {
    const limit = Math.min(ms, NOW_MS);
    for (;;) {
      let side: Pending | null = null;
      for (const x of this.#pending) if (x.at <= limit && (!side || x.at < side.at || (x.at === side.at && x.n < side.n))) side = x;
      const sweep = this.#nextSweep(limit);
      if (!side && !sweep) break;
      if (sweep && (!side || sweep.at <= side.at)) {
        sweep.run(sweep.at);
        continue;
      }
      this.#pending.splice(this.#pending.indexOf(side!), 1);
      const at = Math.max(side!.at, this.cursor + 1000);
      if (at <= NOW_MS) side!.run(at);
    }
    return ms <= NOW_MS;
  }

  /** The sweeper's next action on this case at or before `limit`, in the order one pass takes them. */
  #nextSweep(limit: number): Pending | null {
    if (!this.seq) return null;
    const p = this.p;
    const floor = this.cursor + SWEEP_LAG;
    let best: Pending | null = null;
    const consider = (at: number, run: (at: number) => void) => {
      const when = Math.max(at, floor);
      if (when <= limit && (!best || when < best.at)) best = { at: when, n: 0, run };
    };
    if (ACTIVE.has(p.status)) {
      const due = p.clocks.committed.dueAt.getTime();
      const parent = this.handler.parentId;
      const paused = p.clocks.pausedSince?.getTime();
      if (parent && (paused === undefined || paused > due) && !p.supervision.some((o) => o.automatic && o.issuedAt.getTime() >= due)) {
        consider(due + SWEEP_LAG, (at) =>
          this.issueOrder(at, { issuerTenantId: parent, issuerUserId: null, reason: `超过承诺时限（${iso(due)}）未办结，自动督办`, automatic: true }, SYSTEM, null),
        );
      }
    }
    for (const o of this.orders.values()) {
      const above = this.city.byId.get(o.issuerTenantId)!.parentId;
      if (o.status === 'OPEN' && above) consider(o.respondBy + SWEEP_LAG, (at) => this.escalate(o, above, at));
    }
    const decideBy = p.transfer?.decideBy?.getTime();
    if (p.status === 'TRANSFER_PENDING' && decideBy !== undefined && !p.flags.includes('TRANSFER_UNDECIDED')) {
      consider(decideBy + SWEEP_LAG, (at) => this.emit('FLAGGED', at, { flag: 'TRANSFER_UNDECIDED', note: '转办超过决定期限未处理' }, SYSTEM));
    }
    if (p.followUpPending && p.followUpDueAt && !p.flags.includes('FOLLOW_UP_OVERDUE')) {
      consider(p.followUpDueAt.getTime() + SWEEP_LAG, (at) => this.emit('FLAGGED', at, { flag: 'FOLLOW_UP_OVERDUE', note: '差评回访超过期限未答复' }, SYSTEM));
    }
    if (p.status === 'RESOLVED' && this.closesAt !== null) {
      consider(this.closesAt, (at) => this.emit('CLOSED', at, { cause: 'QUIET_PERIOD' }, SYSTEM));
    }
    return best;
  }

  // -------------------------------------------------------------------------------------------
  // Supervision orders (server/usecases/cases/supervision.ts)

  issueOrder(
    at: number,
    o: { issuerTenantId: string; issuerUserId: string | null; reason: string; automatic: boolean },
    actor: Actor,
    from: OrderRow | null,
  ): void {
    const respondBy = this.addWorkingDays(at, SUPERVISION_RESPOND_WORKING_DAYS);
    const id = this.rng.uuid(at);
    const row: OrderRow = {
      id,
      tenantId: this.p.handlerTenantId,
      ...o,
      respondBy: respondBy.getTime(),
      status: 'OPEN',
      escalatedFromId: from?.id ?? null,
      response: null,
      respondedAt: null,
      respondedBy: null,
      closedAt: null,
      issuedAt: at,
      version: 1,
      updatedAt: at,
    };
    if (from) {
      this.emit('SUPERVISION_ESCALATED', at, { orderId: from.id, newOrderId: id, byTenantId: o.issuerTenantId, reason: o.reason, respondBy }, actor);
    } else {
      this.emit('SUPERVISION_ISSUED', at, { orderId: id, byTenantId: o.issuerTenantId, reason: o.reason, respondBy, automatic: o.automatic }, actor);
    }
    this.orders.set(id, row);
    // Most orders are answered in time; some late, a few never (and go up the tree).
    const r = this.rng.next();
    if (r < 0.82) this.later(at + (row.respondBy - at) * this.rng.between(0.05, 0.9), (t) => this.answer(id, t));
    else if (r < 0.94) this.later(row.respondBy + this.rng.between(2 * HOUR, 3 * DAY), (t) => this.answer(id, t));
  }

  escalate(old: OrderRow, issuerTenantId: string, at: number): void {
    Object.assign(old, { status: 'ESCALATED', closedAt: at, version: old.version + 1, updatedAt: at });
    const reason = `督办逾期未答复（原督办：${old.reason}），提级督办`.slice(0, 2000);
    this.issueOrder(at, { issuerTenantId, issuerUserId: null, reason, automatic: true }, SYSTEM, old);
  }

  answer(orderId: string, at: number): void {
    const o = this.orders.get(orderId)!;
    if (o.status !== 'OPEN') return;
    const user = this.handlerUser();
    const response = this.rng.pick(['已联系当事人说明情况，正在加快办理。', '已于当日办结并告知当事人。', '已安排专人跟进，预计三个工作日内办结。']);
    this.emit('SUPERVISION_RESPONDED', at, { orderId, response }, this.actorOf(user));
    Object.assign(o, { status: 'RESPONDED', response, respondedAt: at, respondedBy: user.id, version: o.version + 1, updatedAt: at });
    if (this.rng.chance(o.automatic ? 0.45 : 0.7)) this.later(at + this.rng.between(2 * HOUR, 2 * DAY), (t) => this.closeOrder(orderId, t));
  }

  closeOrder(orderId: string, at: number): void {
    const o = this.orders.get(orderId)!;
    if (o.status !== 'RESPONDED') return;
    const issuer = this.city.byId.get(o.issuerTenantId)!;
    this.emit('SUPERVISION_CLOSED', at, { orderId, note: '答复可行，继续跟进。' }, this.actorOf(this.rng.pick(issuer.supervisors)));
    Object.assign(o, { status: 'CLOSED', closedAt: at, version: o.version + 1, updatedAt: at });
  }

  /** After an acceptance outside an issuer's subtree, its open orders end (endOrdersOutOfReach). */
  endOrdersOutOfReach(at: number, actor: Actor): void {
    const ancestors = this.handler.ancestors;
    for (const o of this.p.supervision) {
      if ((o.status !== 'OPEN' && o.status !== 'RESPONDED') || ancestors.includes(o.byTenantId)) continue;
      this.emit('SUPERVISION_CLOSED', at, { orderId: o.orderId, note: '案件已转办至督办单位辖区以外，本督办随之结束' }, actor);
      const row = this.orders.get(o.orderId)!;
      Object.assign(row, { status: 'CLOSED', closedAt: at, version: row.version + 1, updatedAt: at });
    }
  }

  // -------------------------------------------------------------------------------------------
  // People and office hours

  /** Who acts for the handler: the assignee when it still works there, else one of its caseworkers. */
  handlerUser(): CityUser {
    const t = this.handler;
    return t.handlers.find((u) => u.id === this.p.assigneeUserId) ?? this.rng.pick(t.handlers);
  }

  actorOf(u: CityUser): Actor {
    return { userId: u.id, tenantId: u.tenantId };
  }

  /** `ms`, or the next moment the tenant's office is open (the hotline never closes). */
  officeMoment(ms: number, t: CityTenant = this.handler): number {
    if (t.kind === 'HOTLINE_CENTER') return ms;
    const day = civilDateAt(new Date(ms));
    const into = msIntoDay(new Date(ms));
    const working = isWorkingDay(this.cals.loose, day);
    if (working && into >= 8.5 * HOUR && into < 17.75 * HOUR) return ms;
    const next = working && into < 8.5 * HOUR ? day : nextWorkingDay(this.cals.loose, day);
    return startOfDay(next).getTime() + 9 * HOUR + this.rng.int(0, 100) * MIN;
  }

  /** Office hours on the k-th working day after `ms` (k = 0: later the same working day). */
  afterWorkingDays(ms: number, k: number): number {
    const day = civilDateAt(addWorkingDays(this.cals.loose, new Date(ms), k));
    const t = startOfDay(day).getTime() + 9 * HOUR + this.rng.between(0, 8 * HOUR);
    return t > ms ? t : ms + this.rng.between(10 * MIN, 60 * MIN);
  }
}
