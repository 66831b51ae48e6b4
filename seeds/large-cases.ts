/**
 * The script of a case in the large city: intake, then what usually follows — a dispatch down the
 * tree (交办) from the 12348 centre, a materials request (Art. 14), a transfer (Art. 10, 13), a
 * supervision order, an extension (Art. 15), the resolution (on time or late, with each tenant's
 * own habits), a reopening, a rating with its follow-up and appeal — each step only when the case's
 * state allows it, as the use cases would refuse otherwise. See large-story.ts for the engine.
 */
import { createHash } from 'node:crypto';
import type { ServiceItemContent } from '../schema/db/catalogue.js';
import { civilDateAt } from '../server/domain/calendar/civil-date.js';
import { extendClock, clockOf, openClocks, resumeClocks } from '../server/domain/cases/clocks.js';
import { parseCaseNumber } from '../server/domain/cases/case-number.js';
import { OUTCOME_RULES, quietPeriodEndsAt, type Outcome } from '../server/domain/cases/resolution.js';
import { DEFAULT_CASE_SETTINGS } from '../server/domain/cases/settings.js';
import { isAllowed } from '../server/domain/cases/states.js';
import { RATING_SCALE, type Rating } from '../server/domain/cases/vocabulary.js';
import { columnsOf, type Actor } from '../server/usecases/cases/store.js';
import type { City, CityTenant } from './large-city.js';
import { intakeDetails, NOW_MS, type Intake } from './large-intake.js';
import { Rng } from './large-random.js';
import { DAY, HOUR, iso, MIN, Story, type Calendars, type Cell } from './large-story.js';
import * as T from './large-texts.js';

const ANONYMOUS: Actor = { userId: null, tenantId: null };
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface CaseRows {
  caseRow: Cell[];
  events: Cell[][];
  activity: Cell[][];
  orders: Cell[][];
  contacts: Cell[][];
  status: string;
}

type ResolutionClass = 'ON_TIME' | 'LATE_COMMITTED' | 'LATE_BOTH';

export class CaseFactory {
  #contactSeq = 0;
  constructor(
    readonly city: City,
    readonly cals: Calendars,
    readonly seed: number,
  ) {}

  build(intake: Intake): CaseRows {
    const rng = new Rng(this.seed, 'case', intake.index);
    const s = new Story(this.city, this.cals, intake, rng);
    const tracking = intake.channel === 'MESSAGE' ? trackingCode(rng) : null;
    script(s, rng);
    s.advanceTo(NOW_MS);
    const p = s.p;
    const c = columnsOf(p);
    const caseRow: Cell[] = [
      s.id, p.originTenantId, c.handlerTenantId, p.firstResponder.tenantId, c.firstResponderUserId, c.assigneeUserId, p.number,
      parseCaseNumber(p.number)!.year, c.status, c.kind, c.channel, c.serviceItemId, c.serviceItemVersion, c.subject, c.sensitive,
      c.prioritySort, iso(p.openedAt), iso(c.statutoryDueAt), iso(c.committedDueAt), iso(c.updatedAt), JSON.stringify(p),
      c.pendingTransferTenantId, s.rejectedBy, c.assignedByTenantId, c.flags, s.closesAt === null ? null : iso(s.closesAt),
      c.followUpDueAt ? iso(c.followUpDueAt) : null, c.appealStatus, null, null, tracking?.code ?? null, tracking?.secretHash ?? null,
      s.seq, s.lastHash, p.version,
    ];
    const orders = [...s.orders.values()].map((o): Cell[] => [
      o.id, s.id, o.tenantId, o.issuerTenantId, o.issuerUserId, o.reason, iso(o.respondBy), o.status, o.automatic, o.escalatedFromId,
      o.response, o.respondedAt === null ? null : iso(o.respondedAt), o.respondedBy, 0, o.closedAt === null ? null : iso(o.closedAt),
      iso(o.issuedAt), o.version, iso(o.updatedAt),
    ]);
    return { caseRow, events: s.events, activity: s.activity, orders, contacts: this.#contacts(s, rng), status: p.status };
  }

  /** Contacts (Art. 21): the call, chat or message behind the case, and some that made no case. */
  #contacts(s: Story, rng: Rng): Cell[][] {
    const { intake } = s;
    const p = s.p;
    const out: Cell[][] = [];
    const t = intake.tenant;
    const row = (channel: string, arrived: number, answered: number | null, agent: string | null, caseId: string | null, abandoned = false) => {
      const prefix = channel === 'HOTLINE' ? 'CALL' : channel === 'CHAT' ? 'CHAT' : 'MSG';
      out.push([rng.uuid(arrived), t.id, channel, `${prefix}-${String(++this.#contactSeq).padStart(9, '0')}`, iso(arrived), answered === null ? null : iso(answered), abandoned, agent, caseId, null, iso(answered ?? arrived + MIN)]);
    };
    const wait = () => (rng.chance(t.answerFast) ? rng.between(400, 3000) : rng.between(3200, 40_000));
    const t0 = intake.receivedMs;
    if (intake.channel === 'HOTLINE' || intake.channel === 'ONLINE') {
      const channel = intake.channel === 'HOTLINE' ? 'HOTLINE' : 'CHAT';
      row(channel, t0 - Math.round(wait()), t0, p.firstResponder.userId, s.id);
      if (rng.chance(0.05)) row(channel, t0 - rng.between(MIN, 2 * HOUR), null, null, null, true);
      if (rng.chance(0.04)) {
        const arrived = t0 - rng.between(MIN, 2 * HOUR);
        row(channel, arrived, arrived + Math.round(wait()), rng.pick(t.handlers).id, null);
      }
    } else if (intake.channel === 'MESSAGE' || intake.channel === 'WECHAT' || intake.channel === 'APP') {
      row('MESSAGE', t0, p.firstResponseAt?.getTime() ?? null, p.firstResponseAt ? s.firstReplier : null, s.id);
    }
    return out;
  }
}

function trackingCode(rng: Rng): { code: string; secretHash: string } {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]).join('');
  const secret = rng.hex(32);
  return { code: `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`, secretHash: createHash('sha256').update(secret).digest('hex') };
}

/** The case's script; stops at the first step that would fall after NOW_MS. */
function script(s: Story, rng: Rng): void {
  const { intake, city } = s;
  const tenant = intake.tenant;
  const t0 = intake.receivedMs;
  const d = intakeDetails(rng, intake, civilDateAt(new Date(t0)));
  const inquiry = intake.channel === 'MESSAGE';
  const answeredAtIntake = intake.channel === 'ONSITE' || intake.channel === 'HOTLINE' || intake.channel === 'ONLINE';
  const intakeUser = inquiry ? null : rng.pick(tenant.handlers);
  const item = intake.item;
  const limits = item ? { statutory: item.content.statutoryLimit, committed: item.content.committedLimit } : DEFAULT_CASE_SETTINGS.defaultLimits[intake.kind];
  const recordedAt = inquiry ? t0 : t0 + rng.int(0, answeredAtIntake ? 8 : 3) * MIN + rng.int(0, 59_999);
  const intakeActor = intakeUser ? s.actorOf(intakeUser) : ANONYMOUS;

  s.emit('OPENED', t0, {
    number: intake.number,
    originTenantId: tenant.id,
    channel: intake.channel,
    kind: intake.kind,
    serviceItem: item ? { id: item.id, version: 1 } : null,
    subject: d.subject,
    description: d.description,
    requester: d.requester,
    formData: d.formData,
    firstResponder: { userId: intakeUser?.id ?? null, tenantId: tenant.id },
    assigneeUserId: intakeUser?.id ?? null,
    sensitive: d.sensitive,
    priority: { urgency: d.urgency, protectedGroups: [...new Set(d.protectedGroups)] },
    firstResponseAt: answeredAtIntake ? new Date(t0) : null,
    clocks: s.provisional((c) => openClocks(c, new Date(t0), limits.statutory, limits.committed)).value,
  }, intakeActor, { recordedAt });

  const dispatch = tenant.kind === 'HOTLINE_CENTER' && intake.channel === 'HOTLINE' && !item && rng.chance(0.45);
  const onTheSpot = !dispatch && answeredAtIntake && intake.kind === 'CONSULTATION' && rng.chance(tenant.kind === 'HOTLINE_CENTER' ? 0.75 : 0.6);
  const startedAtIntake = !!intakeUser && answeredAtIntake && (onTheSpot || rng.chance(0.85));
  if (startedAtIntake) start(s, rng, t0, intakeUser!.id, { recordedAt });

  // Messages (and app/WeChat contacts recorded by staff) wait for someone to take them up and reply.
  if (!startedAtIntake) {
    const delay = rng.chance(tenant.answerFast) ? rng.between(3 * MIN, 50 * MIN) : rng.between(1 * HOUR, 10 * HOUR);
    const at = s.officeMoment(s.cursor + delay);
    if (!s.advanceTo(at)) return;
    const user = s.handlerUser();
    start(s, rng, at, user.id);
    if (!answeredAtIntake) {
      s.emit('REPLIED', at + rng.between(MIN, 8 * MIN), { text: rng.pick(T.REPLIES), channel: intake.channel }, s.actorOf(user));
      s.firstReplier = user.id;
    }
  }

  if (dispatch) {
    const target = rng.chance(0.7) ? rng.pick(rng.pick(city.districts).offices) : rng.pick(city.districts).bureau;
    const at = s.cursor + rng.between(3 * MIN, 25 * MIN);
    if (!s.advanceTo(at)) return;
    s.emit('ASSIGNED', at, { assigneeUserId: null, handlerTenantId: target.id, reportBy: s.addWorkingDays(at, 3), note: '请联系当事人办理，三个工作日内反馈。' }, s.actorOf(s.handlerUser()));
    if (rng.chance(0.6)) {
      const t = s.officeMoment(s.cursor + rng.between(30 * MIN, 6 * HOUR));
      if (!s.advanceTo(t)) return;
      const staff = rng.pick(target.handlers);
      s.emit('ASSIGNED', t, { assigneeUserId: staff.id }, s.actorOf(staff));
    }
  }

  const cls: ResolutionClass = rng.chance(tenant.onTime) ? 'ON_TIME' : rng.chance(0.7) ? 'LATE_COMMITTED' : 'LATE_BOTH';
  const reject = !onTheSpot && rng.chance(intake.kind === 'MATTER' ? 0.05 : 0.01);

  if (!onTheSpot && rng.chance(0.012)) {
    s.later(s.officeMoment(s.cursor + rng.between(0.5 * DAY, 4 * DAY)), (at) => manualOrder(s, rng, at));
  }
  if (!onTheSpot && rng.chance(intake.kind === 'MATTER' ? 0.25 : 0.06)) {
    s.later(s.officeMoment(s.cursor + rng.between(HOUR, 3 * DAY)), (at) => {
      if (s.p.status !== 'CLOSED' && s.p.status !== 'REJECTED') s.emit('NOTE_ADDED', at, { text: rng.pick(T.NOTES), feedback: false }, s.actorOf(s.handlerUser()));
    });
  }

  if (item && intake.kind === 'MATTER' && item.content.materials.length && rng.chance(0.2)) {
    if (!materials(s, rng, item.content)) return;
    if (s.p.status === 'REJECTED') return rate(s, rng, 0.15);
  }
  if (reject) {
    const at = s.afterWorkingDays(s.cursor, rng.int(0, 3));
    if (!s.advanceTo(at) || !isAllowed(s.p.status, 'REJECTED')) return;
    s.emit('REJECTED', at, { reasons: [rng.pick(T.REJECTION_REASONS)] }, s.actorOf(s.handlerUser()));
    return rate(s, rng, 0.15);
  }
  if (!onTheSpot && !dispatch && rng.chance(0.05) && !transfer(s, rng)) return;

  let late = cls !== 'ON_TIME';
  if (late && intake.kind === 'MATTER' && rng.chance(0.45)) {
    const extended = extend(s, rng);
    if (extended === null) return;
    if (extended && rng.chance(0.75)) late = false;
  }
  if (dispatch && rng.chance(0.85)) {
    const at = s.officeMoment(s.cursor + rng.between(2 * HOUR, 2 * DAY));
    if (!s.advanceTo(at)) return;
    s.emit('NOTE_ADDED', at, { text: rng.pick(T.FEEDBACK), feedback: true }, s.actorOf(s.handlerUser()));
  }

  const resolvedAt = onTheSpot ? Math.max(s.cursor + MIN, t0 + rng.between(3 * MIN, 35 * MIN)) : resolutionTime(s, rng, late ? cls : 'ON_TIME');
  if (!resolve(s, rng, resolvedAt)) return;
  if (rng.chance(0.01)) {
    const at = s.officeMoment(s.cursor + rng.between(0.5 * DAY, 3 * DAY));
    if (!s.advanceTo(at)) return;
    if (s.p.status === 'RESOLVED') {
      s.emit('REOPENED', at, { reason: '当事人反映问题未解决，需进一步办理。' }, s.actorOf(s.handlerUser()));
      if (!resolve(s, rng, s.afterWorkingDays(at, rng.int(1, 4)))) return;
    }
  }
  rate(s, rng, inquiry ? 0.5 : 0.4, late);
}

function start(s: Story, rng: Rng, at: number, userId: string, opts: { recordedAt?: number } = {}): void {
  const consult = s.intake.kind === 'CONSULTATION';
  const strategy = rng.weighted(consult ? ([['ANSWER', 0.75], ['GUIDE', 0.15], ['REFER', 0.1]] as const) : ([['GUIDE', 0.7], ['ANSWER', 0.2], ['REFER', 0.1]] as const));
  const appointment = !consult && rng.chance(0.15);
  s.emit('STARTED', at, {
    strategy,
    handlingMode: appointment ? 'BY_APPOINTMENT' : 'ON_THE_SPOT',
    appointmentAt: appointment ? new Date(s.afterWorkingDays(at, rng.int(1, 3))) : null,
    userId,
  }, { userId, tenantId: s.p.handlerTenantId }, opts);
}

/** Takes an unstarted case up (the resolution and a transfer need IN_PROGRESS). */
function ensureStarted(s: Story, rng: Rng, at: number): void {
  if (s.p.status === 'OPEN') start(s, rng, at, s.handlerUser().id);
}

/** One-time notification of missing materials, then their arrival (or, never supplied, a rejection). False past NOW. */
function materials(s: Story, rng: Rng, content: ServiceItemContent): boolean {
  const ask = (at: number, items: { key: string; note: string }[], reason: string | null, flagged: boolean) =>
    s.emit('MATERIALS_REQUESTED', at, { items, reason, flagged }, s.actorOf(s.handlerUser()));
  const receive = (at: number) => {
    const clocks = s.p.clocks;
    const { value, provisionalYears } = s.provisional((c) => resumeClocks(c, clocks, new Date(at)));
    s.emit('MATERIALS_RECEIVED', at, {
      note: '材料已补齐',
      pausedWorkingDays: value.pausedWorkingDays - clocks.pausedWorkingDays,
      statutoryDueAt: value.statutory.dueAt,
      committedDueAt: value.committed.dueAt,
      provisionalYears,
    }, s.actorOf(s.handlerUser()));
  };
  let at = s.officeMoment(s.cursor + rng.between(5 * MIN, 2 * HOUR));
  if (!s.advanceTo(at)) return false;
  if (!isAllowed(s.p.status, 'MATERIALS_REQUESTED')) return true;
  const keys = rng.sample(content.materials.map((m) => m.key), rng.int(1, Math.min(3, content.materials.length)));
  ask(at, keys.map((key) => ({ key, note: rng.pick(T.MATERIAL_NOTES) })), null, false);
  if (!rng.chance(0.88)) {
    at = s.afterWorkingDays(s.cursor, rng.int(15, 25));
    if (!s.advanceTo(at)) return false;
    s.emit('REJECTED', at, { reasons: ['申请人经告知后逾期未补正材料，不符合受理条件。'] }, s.actorOf(s.handlerUser()));
    return true;
  }
  at = s.afterWorkingDays(s.cursor, rng.int(1, 6));
  if (!s.advanceTo(at)) return false;
  receive(at);
  if (rng.chance(0.1)) {
    // A later request naming something new needs its reason and is flagged (Art. 14).
    at = s.afterWorkingDays(s.cursor, rng.int(0, 2));
    if (!s.advanceTo(at)) return false;
    ask(at, [{ key: 'other:supplement', note: '请补充提供新发现情况的相关证明' }], '补充材料显示另有新情况，需进一步核实（新情况）', true);
    at = s.afterWorkingDays(s.cursor, rng.int(1, 4));
    if (!s.advanceTo(at)) return false;
    receive(at);
  }
  return true;
}

/** 转办 and the receiver's decision. False past NOW (or while the transfer still waits). */
function transfer(s: Story, rng: Rng): boolean {
  const from = s.handler;
  const district = from.district ?? s.city.districts[0]!;
  const other = s.rng.pick(s.city.districts.filter((x) => x !== district)).bureau;
  const to = rng.weighted<CityTenant>([
    [district.legalAid, 0.4], [district.notary, 0.15], [rng.pick(district.lawFirms), 0.15], [rng.pick(district.mediation), 0.1], [district.bureau === from ? other : district.bureau, 0.2],
  ]);
  if (to === from) return true;
  let at = s.officeMoment(s.cursor + rng.between(10 * MIN, DAY));
  if (!s.advanceTo(at)) return false;
  ensureStarted(s, rng, at);
  if (s.p.status !== 'IN_PROGRESS') return true;
  s.emit('TRANSFER_REQUESTED', at, { toTenantId: to.id, reason: rng.pick(T.TRANSFER_REASONS), decideBy: s.addWorkingDays(at, DEFAULT_CASE_SETTINGS.transferDecisionWorkingDays) }, s.actorOf(s.handlerUser()));
  const sender = s.handlerUser();
  const decision = rng.weighted([['ACCEPT', 0.75], ['REJECT', 0.18], ['WITHDRAW', 0.07]] as const);
  at = s.afterWorkingDays(s.cursor, rng.weighted([[0, 0.4], [1, 0.35], [2, 0.15], [3, 0.1]] as const));
  if (!s.advanceTo(at)) return false;
  const receiver = rng.pick(to.handlers);
  if (decision === 'ACCEPT') {
    const item = rng.chance(0.5) ? to.items.find((i) => i.caseKind === s.p.kind) ?? null : null;
    const limits = item ? { statutory: item.content.statutoryLimit, committed: item.content.committedLimit } : DEFAULT_CASE_SETTINGS.defaultLimits[s.p.kind];
    const clocks = s.provisional((c) => openClocks(c, new Date(at), limits.statutory, limits.committed)).value;
    s.emit('TRANSFER_ACCEPTED', at, { assigneeUserId: receiver.id, serviceItem: item ? { id: item.id, version: 1 } : null, clocks }, s.actorOf(receiver), { ledgerTenantId: to.id });
    s.endOrdersOutOfReach(at, s.actorOf(receiver));
  } else if (decision === 'REJECT') {
    s.emit('TRANSFER_REJECTED', at, { reason: rng.pick(T.TRANSFER_REJECT_REASONS) }, s.actorOf(receiver), { ledgerTenantId: to.id });
    s.rejectedBy = to.id;
  } else {
    s.emit('TRANSFER_WITHDRAWN', at, { reason: '当事人要求仍由本单位办理' }, s.actorOf(sender));
  }
  return true;
}

/** A supervisor above the handler orders it to respond (督办). */
function manualOrder(s: Story, rng: Rng, at: number): void {
  if (!isAllowed(s.p.status, 'SUPERVISION_ISSUED')) return;
  const above = s.handler.ancestors.map((id) => s.city.byId.get(id)!).filter((t) => t.supervisors.length);
  if (!above.length) return;
  const issuer = rng.chance(0.7) ? above[above.length - 1]! : rng.pick(above);
  const user = rng.pick(issuer.supervisors);
  s.issueOrder(at, { issuerTenantId: issuer.id, issuerUserId: user.id, reason: rng.pick(T.SUPERVISION_REASONS), automatic: false }, s.actorOf(user), null);
}

/** Extends the committed clock (and sometimes the statutory one) before it runs out. Null past NOW; false when not possible. */
function extend(s: Story, rng: Rng): boolean | null {
  let extended = false;
  for (const which of rng.chance(0.2) ? (['COMMITTED', 'STATUTORY'] as const) : (['COMMITTED'] as const)) {
    const clock = clockOf(s.p.clocks, which);
    const due = clock.dueAt.getTime();
    const at = Math.max(s.cursor + 30 * MIN, due - rng.between(HOUR, 1.5 * DAY));
    if (at > due) return extended;
    if (!s.advanceTo(at)) return null;
    ensureStarted(s, rng, at);
    if (!isAllowed(s.p.status, 'EXTENDED') || s.p.clocks.pausedSince || clock.extension || at > clockOf(s.p.clocks, which).dueAt.getTime()) return extended;
    const approver = rng.pick(s.handler.approvers);
    const by = { unit: clock.limit.unit, amount: Math.max(1, Math.ceil(clock.limit.amount / 2)) };
    const noticeAt = new Date(Math.max(s.p.clocks.receivedAt.getTime(), at - rng.between(10 * MIN, HOUR)));
    const reason = rng.pick(T.EXTENSION_REASONS);
    const noticeMethod = rng.chance(0.6) ? 'PHONE' : 'WRITTEN';
    const clocks = s.p.clocks;
    const { value, provisionalYears } = s.provisional((c) =>
      extendClock(c, clocks, which, { at: new Date(at), by, reason, approverRoles: approver.roles, approvedBy: approver.id, noticeMethod, noticeAt }),
    );
    s.emit('EXTENDED', at, { clock: which, by, reason, approvedBy: { userId: approver.id, roles: approver.roles }, noticeMethod, noticeAt, dueAt: clockOf(value, which).dueAt, provisionalYears }, s.actorOf(approver));
    extended = true;
  }
  return extended;
}

/** When the handler finishes: early within the committed limit, or between the two limits, or after both. */
function resolutionTime(s: Story, rng: Rng, cls: ResolutionClass): number {
  const from = s.cursor + MIN;
  const committed = s.p.clocks.committed.dueAt.getTime();
  const statutory = s.p.clocks.statutory.dueAt.getTime();
  if (cls === 'ON_TIME' && committed - from > 5 * MIN) {
    const t = from + (committed - from) * (0.03 + 0.92 * rng.next() ** 1.6);
    const office = s.officeMoment(t);
    return office <= committed ? office : t;
  }
  if (cls !== 'LATE_BOTH' && statutory > Math.max(committed, from) + 5 * MIN) {
    const start = Math.max(committed, from);
    const t = start + (statutory - start) * rng.between(0.05, 0.95);
    const office = s.officeMoment(t);
    return office <= statutory ? office : t;
  }
  return s.officeMoment(Math.max(from, statutory) + rng.between(0.2 * DAY, 6 * DAY));
}

const CONSULT_OUTCOMES = [['ANSWERED', 0.7], ['GUIDED', 0.15], ['REFERRED', 0.09], ['OUT_OF_SCOPE', 0.04], ['WITHDRAWN', 0.02]] as const;
const MATTER_OUTCOMES = [['HANDLED', 0.8], ['GUIDED', 0.06], ['REFERRED', 0.06], ['OUT_OF_SCOPE', 0.02], ['WITHDRAWN', 0.06]] as const;
const STRATEGY_OF: Record<Outcome, 'ANSWER' | 'GUIDE' | 'REFER'> = { ANSWERED: 'ANSWER', GUIDED: 'GUIDE', HANDLED: 'GUIDE', REFERRED: 'REFER', OUT_OF_SCOPE: 'REFER', WITHDRAWN: 'ANSWER' };

/** Resolves at `at` with what Art. 9/11/22 require. False past NOW or when the state does not allow it. */
function resolve(s: Story, rng: Rng, at: number): boolean {
  if (!s.advanceTo(at)) return false;
  ensureStarted(s, rng, at);
  if (!isAllowed(s.p.status, 'RESOLVED')) return false;
  const consult = s.p.kind === 'CONSULTATION';
  const outcome: Outcome = rng.weighted<Outcome>(consult ? CONSULT_OUTCOMES : MATTER_OUTCOMES);
  const category = consult ? rng.weighted([['LEGAL', 0.8], ['POLICY', 0.12], ['INSTITUTION', 0.08]] as const) : null;
  const legal = category === 'LEGAL' && OUTCOME_RULES[outcome].givesLegalAnswer;
  s.emit('RESOLVED', at, {
    outcome,
    strategy: STRATEGY_OF[outcome],
    summary: rng.pick(T.SUMMARIES),
    category,
    legalBasis: legal || rng.chance(0.3) ? rng.pick(T.LEGAL_BASES) : null,
    riskNotice: legal ? rng.pick(T.RISK_NOTICES) : null,
    referredTo: OUTCOME_RULES[outcome].needsReferredTo ? rng.pick(T.REFERRED_TO) : null,
  }, s.actorOf(s.handlerUser()));
  s.closesAt = s.provisional((c) => quietPeriodEndsAt(c, new Date(at), DEFAULT_CASE_SETTINGS.quietPeriod)).value.getTime();
  return true;
}

/** The person's rating (好差评), and for a negative one the follow-up reply and perhaps an appeal. */
function rate(s: Story, rng: Rng, chance: number, late = false): void {
  if (!rng.chance(chance)) return;
  const done = s.p.resolution?.resolvedAt.getTime() ?? s.cursor;
  const at = Math.max(s.cursor + MIN, done + 10 * MIN + rng.next() ** 3 * 5 * DAY);
  if (!s.advanceTo(at) || s.p.rating || !isAllowed(s.p.status, 'RATED')) return;
  const good = s.handler.satisfaction - (late ? 0.12 : 0);
  const score = rng.weighted<Rating>([
    ['VERY_SATISFIED', 0.62 * good], ['SATISFIED', 0.26 * good], ['BASICALLY_SATISFIED', 0.12 * good],
    ['DISSATISFIED', 0.7 * (1 - good)], ['VERY_DISSATISFIED', 0.3 * (1 - good)],
  ]);
  const negative = RATING_SCALE[score].negative;
  const followUpDueAt = negative ? s.addWorkingDays(at, DEFAULT_CASE_SETTINGS.followUpWorkingDays) : null;
  s.emit('RATED', at, { score, comment: rng.pick(T.RATING_COMMENTS), followUpDueAt }, ANONYMOUS);
  if (s.p.status === 'RESOLVED') s.emit('CLOSED', at, { cause: 'RATED' }, ANONYMOUS);
  if (!negative) return;
  const due = followUpDueAt!.getTime();
  const r = rng.next();
  if (r < 0.85) s.later(s.officeMoment(at + (due - at) * rng.between(0.05, 0.7)), (t) => followUp(s, rng, t));
  else if (r < 0.95) s.later(due + rng.between(HOUR, 5 * DAY), (t) => followUp(s, rng, t));
  if (rng.chance(0.15)) {
    s.later(s.officeMoment(at + rng.between(0.5 * DAY, 2 * DAY)), (t) => {
      if (!s.p.rating || s.p.rating.appeal) return;
      s.emit('RATING_APPEALED', t, { reason: rng.pick(T.APPEAL_REASONS) }, s.actorOf(s.handlerUser()));
      const parent = s.city.byId.get(s.handler.parentId ?? s.handler.id)!;
      s.later(s.officeMoment(t + rng.between(DAY, 5 * DAY), parent), (u) => {
        const upheld = rng.chance(0.35);
        s.emit('RATING_APPEAL_DECIDED', u, { decision: upheld ? 'UPHELD' : 'DISMISSED', note: T.APPEAL_NOTES[upheld ? 0 : 1]! }, s.actorOf(rng.pick(parent.supervisors)));
      });
    });
  }
}

function followUp(s: Story, rng: Rng, at: number): void {
  if (!s.p.followUpPending) return;
  s.emit('REPLIED', at, { text: rng.pick(T.FOLLOW_UP_REPLIES), channel: null }, s.actorOf(s.handlerUser()));
}
