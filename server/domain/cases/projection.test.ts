import { describe, expect, test } from 'vitest';
import { extendClock, isOverdue, resumeClocks } from './clocks.js';
import { checkMaterialsRequest } from './materials.js';
import { applyEvent, parseCaseEvent, replay, type CaseEvent, type CaseProjection } from './projection.js';
import { at, cal, CHECKLIST, event, fieldsOf, openedEvent, refusal, TENANTS, USERS } from './test-support.js';

/**
 * A matter received Mon 2026-03-30 10:00 (statutory 15 working days -> 04-21, committed 10 ->
 * 04-14; 清明 04-04..06 and 劳动节 05-01..05 off, Saturday 05-09 worked), handled to the end.
 */
function lifecycle(): { events: CaseEvent[]; row: CaseProjection } {
  const events: CaseEvent[] = [];
  let row: CaseProjection | null = null;
  const push = (e: CaseEvent) => {
    row = applyEvent(row, e);
    events.push(e);
    return row;
  };
  push(openedEvent(at('2026-03-30T10:00+08:00')));
  push(event('STARTED', '2026-03-30T10:30+08:00', { strategy: 'GUIDE', handlingMode: 'ON_THE_SPOT', userId: USERS.clerk }));

  const first = [
    { key: 'id_card', note: '身份证复印件不清晰' },
    { key: 'contract', note: '缺少劳动合同' },
  ];
  const c1 = checkMaterialsRequest({ checklistKeys: CHECKLIST, previousRequests: [], items: first });
  let r = push(event('MATERIALS_REQUESTED', '2026-04-02T15:00+08:00', { items: first, flagged: c1.flagged }));
  let resumed = resumeClocks(cal, r.clocks, at('2026-04-08T09:00+08:00'));
  r = push(
    event('MATERIALS_RECEIVED', '2026-04-08T09:00+08:00', {
      pausedWorkingDays: resumed.pausedWorkingDays - r.clocks.pausedWorkingDays,
      statutoryDueAt: resumed.statutory.dueAt,
      committedDueAt: resumed.committed.dueAt,
    }),
  );

  const second = [{ key: 'medical_report', note: '当事人称受伤，需伤情材料' }];
  const c2 = checkMaterialsRequest({ checklistKeys: CHECKLIST, previousRequests: r.materialsRequests, items: second, reason: '新陈述工伤' });
  r = push(event('MATERIALS_REQUESTED', '2026-04-09T10:00+08:00', { items: second, reason: '新陈述工伤', flagged: c2.flagged }));
  resumed = resumeClocks(cal, r.clocks, at('2026-04-10T10:00+08:00'));
  r = push(
    event('MATERIALS_RECEIVED', '2026-04-10T10:00+08:00', {
      pausedWorkingDays: resumed.pausedWorkingDays - r.clocks.pausedWorkingDays,
      statutoryDueAt: resumed.statutory.dueAt,
      committedDueAt: resumed.committed.dueAt,
    }),
  );

  const ext = {
    at: at('2026-04-24T10:00+08:00'),
    by: { unit: 'WORKING_DAYS' as const, amount: 10 },
    reason: '需要调取社保记录',
    approverRoles: ['SUPERVISOR'],
    noticeMethod: 'PHONE' as const,
    noticeAt: at('2026-04-24T09:00+08:00'),
  };
  const extended = extendClock(cal, r.clocks, 'STATUTORY', ext);
  push(
    event('EXTENDED', ext.at, {
      clock: 'STATUTORY',
      by: ext.by,
      reason: ext.reason,
      approvedBy: { userId: USERS.supervisor, roles: ['SUPERVISOR'] },
      noticeMethod: 'PHONE',
      noticeAt: ext.noticeAt,
      dueAt: extended.statutory.dueAt,
    }),
  );
  push(event('TRANSFER_REQUESTED', '2026-04-24T11:00+08:00', { toTenantId: TENANTS.yubeiLegalAid, reason: '符合法律援助条件' }));
  push(event('TRANSFER_REJECTED', '2026-04-24T15:00+08:00', { reason: '经济状况不符合援助标准' }));
  push(event('NOTE_ADDED', '2026-04-24T16:00+08:00', { text: '已告知首问人转办被退回', feedback: true }));
  push(event('RESOLVED', '2026-04-28T10:00+08:00', { outcome: 'HANDLED', strategy: 'GUIDE', summary: '指导申请劳动仲裁，已立案' }));
  push(event('RATED', '2026-04-29T10:00+08:00', { score: 'DISSATISFIED', comment: '太慢', followUpDueAt: '2026-05-07T23:59:59.999+08:00' }));
  push(event('CLOSED', '2026-04-29T10:00+08:00', { cause: 'RATED' }));
  push(event('REPLIED', '2026-04-30T10:00+08:00', { text: '感谢反馈，已核实办理时长原因' }));
  return { events, row: row! };
}

describe('a case handled to the end', () => {
  test('its row', () => {
    const { events, row } = lifecycle();
    expect(events).toHaveLength(14);
    expect(row).toMatchObject({
      number: 'YUBEI-2026-000123',
      status: 'CLOSED',
      version: 14,
      handlerTenantId: TENANTS.yubei,
      firstResponder: { userId: USERS.clerk, tenantId: TENANTS.yubei },
      strategy: 'GUIDE',
      priority: { urgency: 'NORMAL', protectedGroups: ['MIGRANT_WAGE'], level: 'PRIORITY', sortKey: 23 },
      transfer: null,
      resolution: { outcome: 'HANDLED', resolvedAt: at('2026-04-28T10:00+08:00') },
      rating: { score: 'DISSATISFIED', comment: '太慢' },
      followUpPending: false, // answered by the last reply
      closeCause: 'RATED',
      closedAt: at('2026-04-29T10:00+08:00'),
      firstResponseAt: at('2026-04-30T10:00+08:00'),
      flags: ['LATE_MATERIALS_REQUEST', 'NEGATIVE_RATING'],
    });
    expect(row.materialsRequests.map((m) => m.flagged)).toEqual([false, true]);
    // pauses: 04-03, 04-07, 04-08 (3) and 04-10 (1); statutory 04-21 -> 04-27, then +10 -> 05-13
    expect(row.clocks.pausedWorkingDays).toBe(4);
    expect(row.clocks.pausedSince).toBeNull();
    expect(row.clocks.statutory.dueAt).toEqual(at('2026-05-13'));
    expect(row.clocks.statutory.extension).toMatchObject({ previousDueAt: at('2026-04-27'), approvedBy: USERS.supervisor, noticeMethod: 'PHONE' });
    expect(row.clocks.committed.dueAt).toEqual(at('2026-04-20'));
    expect(isOverdue(row.clocks, row.resolution!.resolvedAt, 'COMMITTED')).toBe(true);
    expect(isOverdue(row.clocks, row.resolution!.resolvedAt, 'STATUTORY')).toBe(false);
  });

  test('replaying the ledger gives the row, also after a JSON round trip through the payload schemas', () => {
    const { events, row } = lifecycle();
    expect(replay(events)).toEqual(row);
    const stored = JSON.parse(JSON.stringify(events)) as { type: string; at: string; payload: unknown }[];
    expect(replay(stored.map(parseCaseEvent))).toEqual(row);
  });

  test('an empty ledger is no case', () => expect(replay([])).toBeNull());
});

describe('what the reducer refuses', () => {
  const upTo = (n: number) => {
    const { events } = lifecycle();
    return replay(events.slice(0, n))!;
  };

  test('events before OPENED, and OPENED twice', () => {
    refusal(() => applyEvent(null, event('NOTE_ADDED', '2026-03-30', { text: 'x' })), 'CONFLICT');
    refusal(() => applyEvent(upTo(1), openedEvent(at('2026-03-30T11:00+08:00'))), 'CONFLICT');
  });

  test('a transition the table does not allow, naming state and event', () => {
    const err = refusal(() => applyEvent(upTo(1), event('RESOLVED', '2026-03-31', { outcome: 'HANDLED', strategy: 'GUIDE', summary: 's' })), 'CONFLICT');
    expect(err.message).toContain('a case in state OPEN cannot take event RESOLVED');
  });

  test('materials: added items need a reason, and the recorded flag must agree with the rule (Art. 14)', () => {
    const row = upTo(4); // after the first request and receipt
    const added = [{ key: 'pay_slips', note: '新增' }];
    refusal(() => applyEvent(row, event('MATERIALS_REQUESTED', '2026-04-09', { items: added, flagged: true })), 'CONFLICT');
    refusal(() => applyEvent(row, event('MATERIALS_REQUESTED', '2026-04-09', { items: added, reason: 'r', flagged: false })), 'CONFLICT');
    refusal(() => applyEvent(row, event('MATERIALS_REQUESTED', '2026-04-09', { items: [{ key: 'contract', note: '仍缺' }], flagged: true })), 'CONFLICT');
    const ok = applyEvent(row, event('MATERIALS_REQUESTED', '2026-04-09', { items: [{ key: 'contract', note: '仍缺' }], flagged: false }));
    expect(ok.flags).toEqual([]);
    expect(ok.clocks.pausedSince).toEqual(at('2026-04-09'));
  });

  test('extensions: once per clock, before the due date (Art. 15)', () => {
    const { events } = lifecycle();
    const extendedEvent = events[6]!;
    const row = upTo(7);
    expect(refusal(() => applyEvent(row, { ...extendedEvent, at: at('2026-04-25T10:00+08:00') }), 'CONFLICT').message).toContain('already extended');
    const late = { ...extendedEvent, at: at('2026-04-28T00:00+08:00') } as CaseEvent;
    expect(refusal(() => applyEvent(upTo(6), late), 'CONFLICT').message).toContain('ended on 2026-04-27');
  });

  test('a legal consultation resolved without provisions and risk notice (Art. 9)', () => {
    let row = applyEvent(null, openedEvent(at('2026-03-30T10:00+08:00'), 'CONSULTATION'));
    row = applyEvent(row, event('STARTED', '2026-03-30T10:05+08:00', { strategy: 'ANSWER' }));
    const fields = fieldsOf(() =>
      applyEvent(row, event('RESOLVED', '2026-03-30T10:30+08:00', { outcome: 'ANSWERED', strategy: 'ANSWER', summary: '已解答', category: 'LEGAL' })),
    );
    expect(Object.keys(fields).sort()).toEqual(['legalBasis', 'riskNotice']);
  });

  test('a second rating; closing "after rating" with none; transferring to the handler itself', () => {
    const resolved = upTo(11);
    refusal(() => applyEvent(resolved, event('CLOSED', '2026-05-08', { cause: 'RATED' })), 'CONFLICT');
    expect(applyEvent(resolved, event('CLOSED', '2026-05-08', { cause: 'QUIET_PERIOD' })).status).toBe('CLOSED');
    const closed = upTo(13);
    refusal(() => applyEvent(closed, event('RATED', '2026-05-08', { score: 'SATISFIED' })), 'CONFLICT');
    refusal(() => applyEvent(upTo(7), event('TRANSFER_REQUESTED', '2026-04-24', { toTenantId: TENANTS.yubei, reason: 'r' })), 'CONFLICT');
  });

  test('a refused event leaves the row as it was', () => {
    for (const n of [4, 7, 13]) {
      const row = upTo(n);
      const before = structuredClone(row);
      const { events } = lifecycle();
      // the event just applied, once more: a receipt with nothing pending, a second extension, a second close
      expect(() => applyEvent(row, events[n - 1]!)).toThrow();
      expect(row).toEqual(before);
    }
  });
});

describe('transfers, 交办 and reopening', () => {
  const started = () =>
    applyEvent(
      applyEvent(null, openedEvent(at('2026-03-30T10:00+08:00'))),
      event('STARTED', '2026-03-30T10:30+08:00', { strategy: 'REFER', userId: USERS.clerk }),
    );

  test('an accepted transfer changes the handler; the first responder never changes (Art. 13)', () => {
    let row = applyEvent(started(), event('TRANSFER_REQUESTED', '2026-03-30T11:00+08:00', { toTenantId: TENANTS.yubeiLegalAid, reason: '法律援助' }));
    expect(row).toMatchObject({ status: 'TRANSFER_PENDING', transfer: { toTenantId: TENANTS.yubeiLegalAid } });
    row = applyEvent(row, event('TRANSFER_ACCEPTED', '2026-03-31T09:00+08:00', { assigneeUserId: USERS.lawyer }));
    expect(row).toMatchObject({
      status: 'IN_PROGRESS',
      handlerTenantId: TENANTS.yubeiLegalAid,
      originTenantId: TENANTS.yubei,
      assigneeUserId: USERS.lawyer,
      firstResponder: { userId: USERS.clerk, tenantId: TENANTS.yubei },
      transfer: null,
    });
    // the clocks keep running through a transfer
    expect(row.clocks).toEqual(started().clocks);
  });

  test('交办: an ancestor sends the case down; recorded, not declinable', () => {
    const row = applyEvent(
      started(),
      event('ASSIGNED', '2026-03-30T11:00+08:00', { assigneeUserId: null, handlerTenantId: TENANTS.yubeiLegalAid, reportBy: at('2026-04-03') }),
    );
    expect(row).toMatchObject({
      status: 'IN_PROGRESS',
      handlerTenantId: TENANTS.yubeiLegalAid,
      assignment: { fromTenantId: TENANTS.yubei, reportBy: at('2026-04-03') },
    });
  });

  test('reopening clears the resolution, flags the case and leaves the clocks alone (Art. 22)', () => {
    let row = applyEvent(started(), event('RESOLVED', '2026-04-01T10:00+08:00', { outcome: 'REFERRED', strategy: 'REFER', summary: 's', referredTo: '仲裁委' }));
    row = applyEvent(row, event('REOPENED', '2026-04-02T10:00+08:00', { reason: '当事人称仲裁委不受理' }));
    expect(row).toMatchObject({ status: 'IN_PROGRESS', resolution: null, reopenCount: 1, flags: ['REOPENED'] });
    expect(row.clocks).toEqual(started().clocks);
  });

  test('a message left online gets its first responder when someone takes it up', () => {
    const opened = openedEvent(at('2026-03-30T10:00+08:00'));
    const anonymous = { ...opened, payload: { ...opened.payload, firstResponder: { userId: null, tenantId: TENANTS.yubei } } } as CaseEvent;
    let row = applyEvent(null, anonymous);
    row = applyEvent(row, event('STARTED', '2026-03-30T10:05+08:00', { userId: USERS.lawyer }));
    expect(row.firstResponder).toEqual({ userId: USERS.lawyer, tenantId: TENANTS.yubei });
    row = applyEvent(row, event('ASSIGNED', '2026-03-30T10:06+08:00', { assigneeUserId: USERS.other }));
    expect(row.firstResponder.userId).toBe(USERS.lawyer);
  });
});

describe('parseCaseEvent', () => {
  test('instants arrive as ISO strings and leave as Dates; defaults are filled in', () => {
    const e = parseCaseEvent({ type: 'STARTED', at: '2026-03-30T02:30:00.000Z', payload: { handlingMode: 'BY_APPOINTMENT', appointmentAt: '2026-04-01T10:00:00+08:00' } });
    expect(e).toEqual({
      type: 'STARTED',
      at: new Date('2026-03-30T02:30:00.000Z'),
      payload: { strategy: null, handlingMode: 'BY_APPOINTMENT', appointmentAt: at('2026-04-01T10:00+08:00'), userId: null },
    });
  });

  test('errors are keyed type, at and payload.<path>', () => {
    expect(fieldsOf(() => parseCaseEvent({ type: 'DELETED', at: new Date(), payload: {} }))).toEqual({ type: 'is not a case event type' });
    const fields = fieldsOf(() =>
      parseCaseEvent({ type: 'OPENED', at: 'yesterday', payload: { ...openedEvent(at('2026-03-30T10:00+08:00')).payload, subject: ' ', number: 'nope' } }),
    );
    expect(fields).toEqual({ at: 'must be a date-time', 'payload.subject': 'is required', 'payload.number': 'is not a case number' });
    expect(fieldsOf(() => parseCaseEvent({ type: 'STARTED', at: new Date(), payload: { handlingMode: 'BY_APPOINTMENT' } }))).toEqual({
      'payload.appointmentAt': 'an appointment needs its time (Art. 9, 10)',
    });
    expect(fieldsOf(() => parseCaseEvent({ type: 'REJECTED', at: new Date(), payload: { reasons: [] } }))).toHaveProperty(['payload.reasons']);
    expect(fieldsOf(() => parseCaseEvent({ type: 'EXTENDED', at: new Date(), payload: {} }))).toHaveProperty(['payload.noticeMethod']);
  });
});
