import { describe, expect, test } from 'vitest';
import { buildCalendar, CalendarYearMissingError, computeAllowingProvisional } from '../calendar/calendar.js';
import { clockStepsOf } from './clock-steps.js';
import {
  applyRecordedExtension,
  applyRecordedResume,
  extendClock,
  fractionElapsed,
  isOverdue,
  openClocks,
  pauseClocks,
  recomputeDueDates,
  resumeClocks,
  type ExtensionRequest,
} from './clocks.js';
import { at, cal, event, fieldsOf, openedEvent, refusal } from './test-support.js';

/**
 * Expected dates by hand from the 2026 arrangement: 春节 02-15..02-23 off with Saturdays 02-14 and
 * 02-28 worked; 清明 04-04..04-06 off; 劳动节 05-01..05-05 off with Saturday 05-09 worked.
 * A bare date is the end of that day in Shanghai.
 */
const WD = (amount: number) => ({ unit: 'WORKING_DAYS' as const, amount });
const iso = (d: Date) => d.toISOString();

describe('openClocks', () => {
  test('both clocks from receipt, on the holiday calendar (eve of Spring Festival 2026)', () => {
    const c = openClocks(cal, at('2026-02-13T10:00+08:00'), WD(15), WD(5));
    // 02-14 (make-up Sat) 1, 02-24..27 5 ... 02-28 (make-up Sat) 6, 03-02..06 11, 03-09..12 15
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-03-12')));
    expect(iso(c.committed.dueAt)).toBe(iso(at('2026-02-27')));
    expect(c.statutory.originalDueAt).toEqual(c.statutory.dueAt);
    expect(c).toMatchObject({ pausedSince: null, pausedWorkingDays: 0, statutory: { extension: null, limit: WD(15) } });
  });

  test('a year with no arrangement is refused, not guessed', () => {
    expect(() => openClocks(cal, at('2026-12-20T10:00+08:00'), WD(15), WD(5))).toThrow(CalendarYearMissingError);
  });
});

describe('pause and resume (Art. 14-15)', () => {
  // Received Mon 03-30: statutory 15 -> 04-21 (Qingming 04-04..06 skipped), committed 5 -> 04-07.
  const open = () => openClocks(cal, at('2026-03-30T10:00+08:00'), WD(15), WD(5));

  test('the opening due dates', () => {
    const c = open();
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-04-21')));
    expect(iso(c.committed.dueAt)).toBe(iso(at('2026-04-07')));
  });

  test('a pause over Qingming moves both due dates by the working days waited', () => {
    const paused = pauseClocks(open(), at('2026-04-02T15:00+08:00'));
    expect(paused.pausedSince).toEqual(at('2026-04-02T15:00+08:00'));
    // after Thu 04-02 up to Wed 04-08: Fri 04-03, Tue 04-07, Wed 04-08 = 3 (04-04..06 off)
    const resumed = resumeClocks(cal, paused, at('2026-04-08T09:00+08:00'));
    expect(resumed.pausedWorkingDays).toBe(3);
    expect(resumed.pausedSince).toBeNull();
    expect(iso(resumed.statutory.dueAt)).toBe(iso(at('2026-04-24')));
    expect(iso(resumed.committed.dueAt)).toBe(iso(at('2026-04-10')));
    expect(iso(resumed.statutory.originalDueAt)).toBe(iso(at('2026-04-21')));
  });

  test('a pause over Spring Festival counts the make-up Saturday and skips the holiday', () => {
    const c0 = openClocks(cal, at('2026-02-09T10:00+08:00'), WD(15), WD(10));
    expect(iso(c0.statutory.dueAt)).toBe(iso(at('2026-03-06')));
    expect(iso(c0.committed.dueAt)).toBe(iso(at('2026-02-28'))); // a make-up Saturday
    // after Thu 02-12 up to Wed 02-25: 02-13, 02-14 (make-up), 02-24, 02-25 = 4
    const c = resumeClocks(cal, pauseClocks(c0, at('2026-02-12T10:00+08:00')), at('2026-02-25T10:00+08:00'));
    expect(c.pausedWorkingDays).toBe(4);
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-03-12')));
    expect(iso(c.committed.dueAt)).toBe(iso(at('2026-03-05')));
  });

  test('pauses add up; one that starts and ends on the same day moves nothing', () => {
    let c = resumeClocks(cal, pauseClocks(open(), at('2026-04-02T15:00+08:00')), at('2026-04-08T09:00+08:00'));
    c = resumeClocks(cal, pauseClocks(c, at('2026-04-13T09:00+08:00')), at('2026-04-13T17:00+08:00'));
    expect(c.pausedWorkingDays).toBe(3);
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-04-24')));
    c = resumeClocks(cal, pauseClocks(c, at('2026-04-13T18:00+08:00')), at('2026-04-14T08:00+08:00'));
    expect(c.pausedWorkingDays).toBe(4);
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-04-27')));
  });

  test('pausing twice or resuming unpaused is CONFLICT; times out of order are BAD_USER_INPUT', () => {
    const paused = pauseClocks(open(), at('2026-04-02T15:00+08:00'));
    refusal(() => pauseClocks(paused, at('2026-04-03T15:00+08:00')), 'CONFLICT');
    refusal(() => resumeClocks(cal, open(), at('2026-04-03T15:00+08:00')), 'CONFLICT');
    expect(fieldsOf(() => resumeClocks(cal, paused, at('2026-04-01T15:00+08:00')))).toHaveProperty('at');
    expect(fieldsOf(() => pauseClocks(open(), at('2026-03-29T15:00+08:00')))).toHaveProperty('at');
  });

  test('applyRecordedResume replays a recorded resume without a calendar', () => {
    const paused = pauseClocks(open(), at('2026-04-02T15:00+08:00'));
    const viaCalendar = resumeClocks(cal, paused, at('2026-04-08T09:00+08:00'));
    const recorded = applyRecordedResume(paused, at('2026-04-08T09:00+08:00'), {
      pausedWorkingDays: 3,
      statutoryDueAt: viaCalendar.statutory.dueAt,
      committedDueAt: viaCalendar.committed.dueAt,
    });
    expect(recorded).toEqual(viaCalendar);
    expect(
      fieldsOf(() =>
        applyRecordedResume(paused, at('2026-04-08T09:00+08:00'), {
          pausedWorkingDays: 3,
          statutoryDueAt: at('2026-04-01'),
          committedDueAt: viaCalendar.committed.dueAt,
        }),
      ),
    ).toHaveProperty('statutoryDueAt');
  });
});

describe('extendClock (Art. 15)', () => {
  const open = () => openClocks(cal, at('2026-03-30T10:00+08:00'), WD(15), WD(5)); // 04-21 / 04-07
  const ok = (over: Partial<ExtensionRequest> = {}): ExtensionRequest => ({
    at: at('2026-04-20T10:00+08:00'),
    by: WD(15),
    reason: '需补充调查取证',
    approverRoles: ['STAFF', 'SUPERVISOR'],
    approvedBy: '00000000-0000-4000-8000-000000000103',
    noticeMethod: 'PHONE',
    noticeAt: at('2026-04-20T09:30+08:00'),
    ...over,
  });

  test('before the due date, by at most the original limit: the due date moves, the extension is kept', () => {
    const c = extendClock(cal, open(), 'STATUTORY', ok());
    // 15 working days after 04-21: 04-22..30 (7), 劳动节 05-01..05 off, 05-06..08 (10), Sat 05-09 (11), 05-11..14 (15)
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-05-14')));
    expect(c.statutory.extension).toMatchObject({
      by: WD(15),
      reason: '需补充调查取证',
      noticeMethod: 'PHONE',
      approverRoles: ['STAFF', 'SUPERVISOR'],
      previousDueAt: at('2026-04-21'),
      dueAt: at('2026-05-14'),
    });
    expect(c.committed).toEqual(open().committed);
  });

  test('up to the last millisecond of the due day; a millisecond later is CONFLICT', () => {
    const due = at('2026-04-21');
    expect(extendClock(cal, open(), 'STATUTORY', ok({ at: due, noticeAt: due })).statutory.extension).not.toBeNull();
    const late = new Date(due.getTime() + 1);
    const err = refusal(() => extendClock(cal, open(), 'STATUTORY', ok({ at: late, noticeAt: due })), 'CONFLICT');
    expect(err.message).toContain('ended on 2026-04-21');
  });

  test('once per clock; the other clock may still be extended', () => {
    const c = extendClock(cal, open(), 'COMMITTED', ok({ at: at('2026-04-03T10:00+08:00'), noticeAt: at('2026-04-03T10:00+08:00'), by: WD(5) }));
    expect(iso(c.committed.dueAt)).toBe(iso(at('2026-04-14'))); // 04-08, 09, 10, 13, 14
    const err = refusal(() => extendClock(cal, c, 'COMMITTED', ok({ at: at('2026-04-08T10:00+08:00'), noticeAt: at('2026-04-08T10:00+08:00'), by: WD(1) })), 'CONFLICT');
    expect(err.message).toContain('already extended');
    expect(extendClock(cal, c, 'STATUTORY', ok()).statutory.extension).not.toBeNull();
  });

  test('the due date a pause moved is the one that counts', () => {
    const c = resumeClocks(cal, pauseClocks(open(), at('2026-04-02T15:00+08:00')), at('2026-04-08T09:00+08:00'));
    // committed 04-07 -> 04-10 by the pause, so 04-09 is still in time
    const e = extendClock(cal, c, 'COMMITTED', ok({ at: at('2026-04-09T10:00+08:00'), noticeAt: at('2026-04-09T10:00+08:00'), by: WD(5) }));
    expect(iso(e.committed.dueAt)).toBe(iso(at('2026-04-17')));
  });

  test('not while paused', () => {
    refusal(() => extendClock(cal, pauseClocks(open(), at('2026-04-02T15:00+08:00')), 'STATUTORY', ok()), 'CONFLICT');
  });

  test('cap: no more than the original limit, in its unit', () => {
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ by: WD(16) })))).toEqual({
      'by.amount': 'must be at most 15, the original statutory limit',
    });
    expect(fieldsOf(() => extendClock(cal, open(), 'COMMITTED', ok({ at: at('2026-04-03'), noticeAt: at('2026-04-03'), by: WD(6) })))).toEqual({
      'by.amount': 'must be at most 5, the original committed limit',
    });
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ by: { unit: 'CALENDAR_DAYS', amount: 5 } })))).toHaveProperty(['by.unit']);
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ by: WD(0) })))).toHaveProperty(['by.amount']);
  });

  test('approval by a SUPERVISOR or ADMIN', () => {
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ approverRoles: ['STAFF'] })))).toHaveProperty('approverRoles');
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ approverRoles: [] })))).toHaveProperty('approverRoles');
    expect(extendClock(cal, open(), 'STATUTORY', ok({ approverRoles: ['ADMIN'] })).statutory.extension?.approverRoles).toEqual(['ADMIN']);
  });

  test('reason, notice method and a notice given within the limit; every problem at once', () => {
    const fields = fieldsOf(() =>
      extendClock(cal, open(), 'STATUTORY', ok({ reason: '  ', noticeMethod: 'EMAIL' as 'PHONE', approverRoles: ['STAFF'], by: WD(20) })),
    );
    expect(Object.keys(fields).sort()).toEqual(['approverRoles', 'by.amount', 'noticeMethod', 'reason']);
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ noticeAt: at('2026-04-22T09:00+08:00') })))).toEqual({
      noticeAt: 'the person must be told within the time limit (by 2026-04-21, Art. 15)',
    });
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ noticeAt: at('2026-04-20T11:00+08:00') })))).toHaveProperty('noticeAt');
    expect(fieldsOf(() => extendClock(cal, open(), 'STATUTORY', ok({ noticeAt: at('2026-03-29T11:00+08:00') })))).toHaveProperty('noticeAt');
  });

  test('an hour-based clock is extended in hours', () => {
    const c0 = openClocks(cal, at('2026-03-02T10:00+08:00'), { unit: 'HOURS', amount: 24 }, { unit: 'HOURS', amount: 2 });
    expect(iso(c0.statutory.dueAt)).toBe(iso(at('2026-03-03T10:00+08:00')));
    const c = extendClock(cal, c0, 'STATUTORY', ok({ at: at('2026-03-03T09:00+08:00'), noticeAt: at('2026-03-03T09:00+08:00'), by: { unit: 'HOURS', amount: 24 } }));
    expect(iso(c.statutory.dueAt)).toBe(iso(at('2026-03-04T10:00+08:00')));
  });

  test('applyRecordedExtension replays without a calendar and re-checks the rule', () => {
    const viaCalendar = extendClock(cal, open(), 'STATUTORY', ok());
    expect(applyRecordedExtension(open(), 'STATUTORY', { ...ok(), dueAt: at('2026-05-14') })).toEqual(viaCalendar);
    refusal(() => applyRecordedExtension(viaCalendar, 'STATUTORY', { ...ok(), dueAt: at('2026-06-14') }), 'CONFLICT');
    expect(fieldsOf(() => applyRecordedExtension(open(), 'STATUTORY', { ...ok(), dueAt: at('2026-04-20') }))).toHaveProperty('dueAt');
  });
});

describe('isOverdue and fractionElapsed', () => {
  test('overdue from the first millisecond after the due day', () => {
    const c = openClocks(cal, at('2026-03-30T10:00+08:00'), WD(15), WD(5));
    expect(isOverdue(c, at('2026-04-21'), 'STATUTORY')).toBe(false);
    expect(isOverdue(c, at('2026-04-22T00:00+08:00'), 'STATUTORY')).toBe(true);
    expect(isOverdue(c, at('2026-04-08T00:00+08:00'), 'COMMITTED')).toBe(true);
  });

  test('a paused clock is judged when it paused', () => {
    const c = openClocks(cal, at('2026-03-30T10:00+08:00'), WD(15), WD(5));
    expect(isOverdue(pauseClocks(c, at('2026-04-15T10:00+08:00')), at('2026-06-30T10:00+08:00'), 'STATUTORY')).toBe(false);
    expect(isOverdue(pauseClocks(c, at('2026-04-22T10:00+08:00')), at('2026-06-30T10:00+08:00'), 'STATUTORY')).toBe(true);
  });

  // Received Sunday 03-01 (not a working day): committed 5 -> Fri 03-06; allowance Mon-Fri = 5 days.
  const sunday = () => openClocks(cal, at('2026-03-01T10:00+08:00'), WD(15), WD(5));

  test.each([
    ['2026-03-01T10:00+08:00', 0],
    ['2026-03-02T00:00+08:00', 0], // Sunday is not counted
    ['2026-03-05T00:00+08:00', 0.6],
    ['2026-03-05T19:12+08:00', 0.76],
    ['2026-03-06T00:00+08:00', 0.8], // the 80 % warning
    ['2026-03-07T12:00+08:00', 1], // due end of Friday; the weekend does not count
    ['2026-03-09T12:00+08:00', 1.1],
  ])('committed clock at %s: %s', (now, fraction) => {
    expect(fractionElapsed(cal, sunday(), at(now), 'COMMITTED')).toBeCloseTo(fraction, 6);
  });

  test('paused working days are taken off the used and the allowed time', () => {
    // Monday used, then paused Tue 00:00 - Thu 00:00 (Wed and Thu counted: due 03-06 -> 03-10)
    const paused = pauseClocks(sunday(), at('2026-03-03T00:00+08:00'));
    expect(fractionElapsed(cal, paused, at('2026-03-04T12:00+08:00'), 'COMMITTED')).toBeCloseTo(0.2, 6);
    const resumed = resumeClocks(cal, paused, at('2026-03-05T00:00+08:00'));
    expect(iso(resumed.committed.dueAt)).toBe(iso(at('2026-03-10')));
    expect(fractionElapsed(cal, resumed, at('2026-03-05T00:00+08:00'), 'COMMITTED')).toBeCloseTo(0.2, 6);
    expect(fractionElapsed(cal, resumed, at('2026-03-10'), 'COMMITTED')).toBeCloseTo(1, 6);
  });
});

describe('provisional years: intake never waits for the holiday table (Art. 6, 15)', () => {
  // A test arrangement for 2027 (not the State Council's: only for the arithmetic).
  const with2027 = buildCalendar({
    arrangements: [
      ...[...cal.years].map((year) => ({ year, off: [...cal.daysOff].filter(([d]) => d.startsWith(`${year}-`)).map(([d, name]) => ({ name, from: d, to: d })), makeupWorkdays: [...cal.makeupWorkdays].filter((d) => d.startsWith(`${year}-`)) })),
      { year: 2027, off: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: [] },
    ],
  });
  const received = at('2026-12-21T10:00+08:00'); // a Monday

  test('a limit reaching into a year not loaded is computed on plain weeks and says so', () => {
    expect(() => openClocks(cal, received, WD(15), WD(10))).toThrow(CalendarYearMissingError);
    const { value, provisionalYears } = computeAllowingProvisional(cal, (c) => openClocks(c, received, WD(15), WD(10)));
    expect(provisionalYears).toEqual([2027]);
    expect(value.provisionalYears).toEqual([2027]);
    // 2027-01-01 (a Friday) counted as a working day, as in a plain week.
    expect(iso(value.committed.dueAt)).toBe(iso(at('2027-01-04')));
    expect(iso(value.statutory.dueAt)).toBe(iso(at('2027-01-11')));
  });

  test('a limit inside loaded years is final', () => {
    const { value, provisionalYears } = computeAllowingProvisional(cal, (c) => openClocks(c, at('2026-03-02T10:00+08:00'), WD(15), WD(10)));
    expect(provisionalYears).toEqual([]);
    expect(value.provisionalYears).toEqual([]);
  });

  test('once the year is loaded, the same steps give the final due dates', () => {
    const opened = computeAllowingProvisional(cal, (c) => openClocks(c, received, WD(15), WD(10))).value;
    const steps = [{ kind: 'OPEN' as const, at: received, statutory: opened.statutory.limit, committed: opened.committed.limit }];
    const again = recomputeDueDates(with2027, steps);
    expect(iso(again.committedDueAt)).toBe(iso(at('2027-01-05')));
    expect(iso(again.statutoryDueAt)).toBe(iso(at('2027-01-12')));
  });

  test('recomputing repeats pauses, resumes and extensions in order', () => {
    const steps = [
      { kind: 'OPEN' as const, at: at('2026-12-01T10:00+08:00'), statutory: WD(15), committed: WD(10) },
      { kind: 'PAUSE' as const, at: at('2026-12-03T10:00+08:00') },
      { kind: 'RESUME' as const, at: at('2026-12-08T10:00+08:00') }, // 3 working days paused (4th, 7th, 8th)
      { kind: 'EXTEND' as const, at: at('2026-12-10T10:00+08:00'), clock: 'COMMITTED' as const, by: WD(5) },
    ];
    const r = recomputeDueDates(with2027, steps);
    // Committed: 10 WD from 12-01 is 12-15; +3 paused is 12-18; +5 extension is 12-25.
    expect(iso(r.committedDueAt)).toBe(iso(at('2026-12-25')));
    // Statutory: 15 WD from 12-01 is 12-22; +3 paused is 12-25.
    expect(iso(r.statutoryDueAt)).toBe(iso(at('2026-12-25')));
  });

  test('the clock steps come from the ledger events that move due dates, in order', () => {
    const open = openedEvent(at('2026-03-02T10:00+08:00'));
    const steps = clockStepsOf([
      open,
      event('NOTE_ADDED', '2026-03-03T10:00+08:00', { text: 'x' }),
      event('MATERIALS_REQUESTED', '2026-03-03T11:00+08:00', { items: [{ key: 'id_card', note: '缺' }], flagged: false }),
      event('MATERIALS_RECEIVED', '2026-03-05T11:00+08:00', { pausedWorkingDays: 2, statutoryDueAt: at('2026-03-25'), committedDueAt: at('2026-03-18') }),
    ]);
    expect(steps.map((s) => s.kind)).toEqual(['OPEN', 'PAUSE', 'RESUME']);
  });
});
