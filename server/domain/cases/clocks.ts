/**
 * The case's two clocks (DESIGN.md "Case"; Art. 15 限时办结): the statutory limit (法定时限) and the
 * tenant's committed limit (承诺时限), both started when the case is received and computed on the
 * working calendar (server/domain/calendar).
 *
 * - Waiting for materials (补正, Art. 14) pauses both, and nothing else does. A pause lasts the
 *   working days after the day it began up to and including the day it ended (workingDaysBetween);
 *   resuming moves both due dates later by that many working days (shiftByWorkingDays), so a pause
 *   that begins and ends on the same day moves nothing.
 * - Each clock may be extended once, before its due date, with a reason, a supervisor's or
 *   admin's approval and a notice to the person in writing or by phone given within the limit;
 *   the extension is at most the clock's original limit, in the same unit.
 *
 * Every function returns new values; time is always passed in. The calendar-free halves
 * (applyRecordedResume, applyRecordedExtension) replay what the ledger recorded without a
 * calendar, so a later edit of the holiday table never changes a past case.
 */
import { USER_ROLES, type UserRole } from '../../../schema/db/tenancy.js';
import { isWorkingDay, type WorkCalendar } from '../calendar/calendar.js';
import { addDays, civilDateAt, endOfDay, startOfDay } from '../calendar/civil-date.js';
import { dueAt, shiftByWorkingDays, workingDaysBetween, type TimeLimit } from '../calendar/deadlines.js';
import { badInput, conflict, type FieldErrors } from '../shared/errors.js';

export const CLOCK_KINDS = ['STATUTORY', 'COMMITTED'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Art. 15: the person is told in writing or by phone. */
export const NOTICE_METHODS = ['WRITTEN', 'PHONE'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];

/** Who may approve an extension (checked against the handler tenant's user by the use case). */
export const EXTENSION_APPROVER_ROLES = ['SUPERVISOR', 'ADMIN'] as const satisfies readonly UserRole[];

export const EXTENSION_REASON_MAX = 2000;

export interface ClockExtension {
  at: Date;
  by: TimeLimit;
  reason: string;
  approvedBy: string | null;
  approverRoles: UserRole[];
  noticeMethod: NoticeMethod;
  noticeAt: Date;
  previousDueAt: Date;
  dueAt: Date;
}

export interface Clock {
  /** The limit the case was opened under. */
  limit: TimeLimit;
  /** The due date at opening, before pauses and extension. */
  originalDueAt: Date;
  /** The due date now: moved by pauses and the extension. */
  dueAt: Date;
  extension: ClockExtension | null;
}

export interface CaseClocks {
  receivedAt: Date;
  statutory: Clock;
  committed: Clock;
  /** Set while waiting for materials. */
  pausedSince: Date | null;
  /** Working days both due dates have moved by completed pauses. */
  pausedWorkingDays: number;
  /**
   * Years the due dates were computed for without their holiday arrangement (as plain
   * Monday-Friday weeks), so that intake never waits for the calendar (Art. 6). Empty: final.
   * Once the years are loaded the due dates are computed again (CLOCKS_RECOMPUTED).
   */
  provisionalYears: number[];
}

export interface ExtensionRequest {
  at: Date;
  by: TimeLimit;
  reason: string;
  /** The approver's roles in the handler tenant. */
  approverRoles: readonly string[];
  approvedBy?: string | null;
  noticeMethod: NoticeMethod;
  noticeAt: Date;
}

export const CLOCK_FIELD = { STATUTORY: 'statutory', COMMITTED: 'committed' } as const satisfies Record<ClockKind, keyof CaseClocks>;

export const clockOf = (clocks: CaseClocks, which: ClockKind): Clock => clocks[CLOCK_FIELD[which]];

const day = (instant: Date) => civilDateAt(instant);

export function openClocks(cal: WorkCalendar, receivedAt: Date, statutoryLimit: TimeLimit, committedLimit: TimeLimit): CaseClocks {
  const start = (limit: TimeLimit): Clock => {
    const due = dueAt(cal, receivedAt, limit);
    return { limit: { ...limit }, originalDueAt: due, dueAt: due, extension: null };
  };
  return {
    receivedAt,
    statutory: start(statutoryLimit),
    committed: start(committedLimit),
    pausedSince: null,
    pausedWorkingDays: 0,
    provisionalYears: [...(cal.provisionalYears ?? [])].sort((a, b) => a - b),
  };
}

/** The union of two sets of provisional years, sorted. */
export const mergeYears = (a: readonly number[], b: readonly number[]): number[] => [...new Set([...a, ...b])].sort((x, y) => x - y);

/** Both clocks stop at `at` (a materials request, Art. 14). */
export function pauseClocks(clocks: CaseClocks, at: Date): CaseClocks {
  if (clocks.pausedSince) throw conflict(`the clocks are already paused (since ${clocks.pausedSince.toISOString()})`);
  if (at < clocks.receivedAt) throw badInput({ at: 'is before the case was received' });
  return { ...clocks, pausedSince: at };
}

/** Both clocks run again at `at`; both due dates move later by the working days the case waited. */
export function resumeClocks(cal: WorkCalendar, clocks: CaseClocks, at: Date): CaseClocks {
  const since = requirePaused(clocks, at);
  const n = workingDaysBetween(cal, day(since), day(at));
  return applyRecordedResume(clocks, at, {
    pausedWorkingDays: n,
    statutoryDueAt: shiftByWorkingDays(cal, clocks.statutory.dueAt, n),
    committedDueAt: shiftByWorkingDays(cal, clocks.committed.dueAt, n),
    provisionalYears: [...(cal.provisionalYears ?? [])],
  });
}

/** What a resume recorded on the ledger (MATERIALS_RECEIVED), applied without a calendar. */
export function applyRecordedResume(
  clocks: CaseClocks,
  at: Date,
  recorded: { pausedWorkingDays: number; statutoryDueAt: Date; committedDueAt: Date; provisionalYears?: readonly number[] },
): CaseClocks {
  requirePaused(clocks, at);
  const n = recorded.pausedWorkingDays;
  if (!Number.isInteger(n) || n < 0) throw badInput({ pausedWorkingDays: 'must be a whole number >= 0' });
  const moved = (clock: Clock, to: Date, field: string): Clock => {
    if (to < clock.dueAt) throw badInput({ [field]: 'a pause never moves a due date earlier' });
    return { ...clock, dueAt: to };
  };
  return {
    ...clocks,
    statutory: moved(clocks.statutory, recorded.statutoryDueAt, 'statutoryDueAt'),
    committed: moved(clocks.committed, recorded.committedDueAt, 'committedDueAt'),
    pausedSince: null,
    pausedWorkingDays: clocks.pausedWorkingDays + n,
    provisionalYears: mergeYears(clocks.provisionalYears ?? [], recorded.provisionalYears ?? []),
  };
}

function requirePaused(clocks: CaseClocks, at: Date): Date {
  const since = clocks.pausedSince;
  if (!since) throw conflict('the clocks are not paused');
  if (at < since) throw badInput({ at: 'is before the pause began' });
  return since;
}

/**
 * Extends one clock (Art. 15). CONFLICT when the clocks are paused, the clock was already
 * extended, or its due date has passed; BAD_USER_INPUT naming each bad field otherwise.
 */
export function extendClock(cal: WorkCalendar, clocks: CaseClocks, which: ClockKind, request: ExtensionRequest): CaseClocks {
  checkExtension(clocks, which, request);
  const extended = withExtension(clocks, which, request, dueAt(cal, clockOf(clocks, which).dueAt, request.by));
  return { ...extended, provisionalYears: mergeYears(clocks.provisionalYears ?? [], [...(cal.provisionalYears ?? [])]) };
}

/** What an extension recorded on the ledger (EXTENDED), checked and applied without a calendar. */
export function applyRecordedExtension(
  clocks: CaseClocks,
  which: ClockKind,
  recorded: ExtensionRequest & { dueAt: Date; provisionalYears?: readonly number[] },
): CaseClocks {
  checkExtension(clocks, which, recorded);
  if (recorded.dueAt <= clockOf(clocks, which).dueAt) throw badInput({ dueAt: 'an extension moves the due date later' });
  const extended = withExtension(clocks, which, recorded, recorded.dueAt);
  return { ...extended, provisionalYears: mergeYears(clocks.provisionalYears ?? [], recorded.provisionalYears ?? []) };
}

/** What the due dates depend on, in ledger order: for computing them again on a completed calendar. */
export type ClockStep =
  | { kind: 'OPEN'; at: Date; statutory: TimeLimit; committed: TimeLimit }
  | { kind: 'PAUSE'; at: Date }
  | { kind: 'RESUME'; at: Date }
  | { kind: 'EXTEND'; at: Date; clock: ClockKind; by: TimeLimit };

/**
 * Both due dates computed again from the steps that made them, on `cal` (CLOCKS_RECOMPUTED, once a
 * provisional year's arrangement is loaded). The rules each step obeyed were checked when it was
 * made; only the arithmetic is repeated.
 */
export function recomputeDueDates(cal: WorkCalendar, steps: readonly ClockStep[]): { statutoryDueAt: Date; committedDueAt: Date } {
  let clocks: CaseClocks | null = null;
  for (const step of steps) {
    if (step.kind === 'OPEN') {
      clocks = openClocks(cal, step.at, step.statutory, step.committed);
      continue;
    }
    if (!clocks) throw new RangeError('recomputeDueDates: the first step opens the clocks');
    if (step.kind === 'PAUSE') clocks = { ...clocks, pausedSince: step.at };
    else if (step.kind === 'RESUME') clocks = clocks.pausedSince ? resumeClocks(cal, clocks, step.at) : clocks;
    else {
      const clock = clockOf(clocks, step.clock);
      clocks = { ...clocks, [CLOCK_FIELD[step.clock]]: { ...clock, dueAt: dueAt(cal, clock.dueAt, step.by) } };
    }
  }
  if (!clocks) throw new RangeError('recomputeDueDates: no steps');
  return { statutoryDueAt: clocks.statutory.dueAt, committedDueAt: clocks.committed.dueAt };
}

function checkExtension(clocks: CaseClocks, which: ClockKind, r: ExtensionRequest): void {
  if (!CLOCK_KINDS.includes(which)) throw badInput({ clock: 'must be STATUTORY or COMMITTED' });
  const clock = clockOf(clocks, which);
  const name = which.toLowerCase();
  if (clocks.pausedSince) throw conflict('the clocks are paused while waiting for materials; extend once they run again');
  if (clock.extension) {
    throw conflict(`the ${name} time limit was already extended on ${day(clock.extension.at)}; each clock is extended at most once (Art. 15)`);
  }
  if (r.at > clock.dueAt) {
    throw conflict(`the ${name} time limit ended on ${day(clock.dueAt)}; an extension must be made before the due date (Art. 15)`);
  }

  const problems: FieldErrors = {};
  if (r.at < clocks.receivedAt) problems.at = 'is before the case was received';
  const reason = typeof r.reason === 'string' ? r.reason.trim() : '';
  if (!reason) problems.reason = 'give the reason the case cannot be finished in time (Art. 15)';
  else if (reason.length > EXTENSION_REASON_MAX) problems.reason = `must be at most ${EXTENSION_REASON_MAX} characters`;
  if (!r.approverRoles.some((role) => (EXTENSION_APPROVER_ROLES as readonly string[]).includes(role))) {
    problems.approverRoles = 'an extension is approved by a SUPERVISOR or ADMIN of the handler tenant';
  }
  if (!NOTICE_METHODS.includes(r.noticeMethod)) problems.noticeMethod = 'must be WRITTEN or PHONE (Art. 15)';

  if (r.by.unit !== clock.limit.unit) problems['by.unit'] = `must be ${clock.limit.unit}, the unit of the ${name} limit`;
  else if (!Number.isInteger(r.by.amount) || r.by.amount < 1) problems['by.amount'] = 'must be a whole number >= 1';
  else if (r.by.amount > clock.limit.amount) {
    problems['by.amount'] = `must be at most ${clock.limit.amount}, the original ${name} limit`;
  }

  if (r.noticeAt > clock.dueAt) problems.noticeAt = `the person must be told within the time limit (by ${day(clock.dueAt)}, Art. 15)`;
  else if (r.noticeAt > r.at) problems.noticeAt = 'record a notice once it has been given';
  else if (r.noticeAt < clocks.receivedAt) problems.noticeAt = 'is before the case was received';

  if (Object.keys(problems).length > 0) throw badInput(problems);
}

function withExtension(clocks: CaseClocks, which: ClockKind, r: ExtensionRequest, newDue: Date): CaseClocks {
  const clock = clockOf(clocks, which);
  const extension: ClockExtension = {
    at: r.at,
    by: { unit: r.by.unit, amount: r.by.amount },
    reason: r.reason.trim(),
    approvedBy: r.approvedBy ?? null,
    approverRoles: r.approverRoles.filter((role): role is UserRole => (USER_ROLES as readonly string[]).includes(role)),
    noticeMethod: r.noticeMethod,
    noticeAt: r.noticeAt,
    previousDueAt: clock.dueAt,
    dueAt: newDue,
  };
  return { ...clocks, [CLOCK_FIELD[which]]: { ...clock, dueAt: newDue, extension } };
}

/**
 * Whether the clock's due date has passed at `now`. A paused clock is judged at the moment it
 * paused; for a case that has left the handler's hands pass the time it did (resolved, rejected).
 */
export function isOverdue(clocks: CaseClocks, now: Date, which: ClockKind): boolean {
  const at = clocks.pausedSince ?? now;
  return at > clockOf(clocks, which).dueAt;
}

const MS_PER_DAY = 86_400_000;

/**
 * How much of the clock's allowance is used at `now`, 0 at receipt, 1 at the due date, more when
 * overdue (the sweeper warns at 0.8). Time is counted on working days only (whole days of 24 h),
 * and the working days the clocks were paused are taken off both the used and the allowed time,
 * exactly as the due dates were moved by them; a running pause counts as stopped at its start.
 */
export function fractionElapsed(cal: WorkCalendar, clocks: CaseClocks, now: Date, which: ClockKind): number {
  const clock = clockOf(clocks, which);
  const at = clocks.pausedSince ?? now;
  const paused = clocks.pausedWorkingDays * MS_PER_DAY;
  const allowed = workingMsBetween(cal, clocks.receivedAt, clock.dueAt) - paused;
  const used = Math.max(0, workingMsBetween(cal, clocks.receivedAt, at) - paused);
  if (allowed <= 0) return at >= clock.dueAt ? 1 : 0;
  return used / allowed;
}

/** Milliseconds between two instants that fall on working days (Asia/Shanghai). */
function workingMsBetween(cal: WorkCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  const last = day(to);
  for (let d = day(from); d <= last; d = addDays(d, 1)) {
    if (!isWorkingDay(cal, d)) continue;
    const start = Math.max(startOfDay(d).getTime(), from.getTime());
    const end = Math.min(endOfDay(d).getTime() + 1, to.getTime());
    if (end > start) total += end - start;
  }
  return total;
}
