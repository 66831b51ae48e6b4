import { describe, expect, test } from 'vitest';
import {
  allowedEvents,
  CASE_EVENT_TYPES,
  CASE_STATE_INFO,
  CASE_STATES,
  nextState,
  TRANSITIONS,
  type CaseEventType,
  type CaseState,
  type Transition,
} from './states.js';
import { refusal } from './test-support.js';

const rows = Object.entries(TRANSITIONS) as [CaseEventType, Transition][];

describe('the table', () => {
  test('has one row per event type and cites the regulation on each', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    for (const [, row] of rows) expect(row.basis).toMatch(/^Art\. \d/);
  });

  test('only OPENED creates a case; every other row starts from a state', () => {
    expect(rows.filter(([, r]) => r.from.length === 0).map(([e]) => e)).toEqual(['OPENED']);
  });

  test('every state is reachable and every non-terminal state can move on', () => {
    const reached = new Set<CaseState>(['OPEN']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [, r] of rows) {
        if (r.to !== 'SAME' && !reached.has(r.to) && r.from.some((s) => reached.has(s))) {
          reached.add(r.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
    for (const state of CASE_STATES) {
      const leaves = rows.some(([, r]) => r.to !== 'SAME' && r.to !== state && r.from.includes(state));
      expect(leaves, state).toBe(!CASE_STATE_INFO[state].terminal);
    }
  });

  test('terminal states take only notes, replies, ratings and the steps of supervision orders already open', () => {
    expect(allowedEvents('CLOSED')).toEqual(['NOTE_ADDED', 'REPLIED', 'RATED', 'RATING_APPEALED', 'RATING_APPEAL_DECIDED', 'SUPERVISION_RESPONDED', 'SUPERVISION_REMINDED', 'SUPERVISION_ESCALATED', 'SUPERVISION_CLOSED', 'FLAGGED']);
    expect(allowedEvents('REJECTED')).toEqual(['NOTE_ADDED', 'REPLIED', 'RATED', 'RATING_APPEALED', 'RATING_APPEAL_DECIDED', 'SUPERVISION_RESPONDED', 'SUPERVISION_REMINDED', 'SUPERVISION_ESCALATED', 'SUPERVISION_CLOSED', 'FLAGGED']);
  });
});

describe('every state x every event, generated from the table', () => {
  const cases = [null, ...CASE_STATES].flatMap((state) => CASE_EVENT_TYPES.map((event) => ({ state, event })));

  test.each(cases)('$state + $event', ({ state, event }) => {
    const row: Transition = TRANSITIONS[event];
    const legal = state === null ? row.from.length === 0 : row.from.includes(state);
    if (legal) {
      expect(nextState(state, event)).toBe(row.to === 'SAME' ? state : row.to);
      expect(allowedEvents(state)).toContain(event);
    } else {
      const err = refusal(() => nextState(state, event), 'CONFLICT');
      expect(err.message).toContain(event);
      if (state !== null) expect(err.message).toContain(state);
      expect(allowedEvents(state)).not.toContain(event);
    }
  });
});

describe('the important transitions, by hand', () => {
  test.each<[CaseState | null, CaseEventType, CaseState]>([
    [null, 'OPENED', 'OPEN'],
    ['OPEN', 'STARTED', 'IN_PROGRESS'],
    ['OPEN', 'MATERIALS_REQUESTED', 'AWAITING_MATERIALS'],
    ['IN_PROGRESS', 'MATERIALS_REQUESTED', 'AWAITING_MATERIALS'],
    ['AWAITING_MATERIALS', 'MATERIALS_RECEIVED', 'IN_PROGRESS'],
    ['AWAITING_MATERIALS', 'ASSIGNED', 'AWAITING_MATERIALS'],
    ['IN_PROGRESS', 'EXTENDED', 'IN_PROGRESS'],
    ['IN_PROGRESS', 'TRANSFER_REQUESTED', 'TRANSFER_PENDING'],
    ['TRANSFER_PENDING', 'TRANSFER_ACCEPTED', 'IN_PROGRESS'],
    ['TRANSFER_PENDING', 'TRANSFER_REJECTED', 'IN_PROGRESS'],
    ['TRANSFER_PENDING', 'TRANSFER_WITHDRAWN', 'IN_PROGRESS'],
    ['TRANSFER_PENDING', 'REPLIED', 'TRANSFER_PENDING'],
    ['IN_PROGRESS', 'RESOLVED', 'RESOLVED'],
    ['RESOLVED', 'REOPENED', 'IN_PROGRESS'],
    ['RESOLVED', 'RATED', 'RESOLVED'],
    ['RESOLVED', 'CLOSED', 'CLOSED'],
    ['CLOSED', 'RATED', 'CLOSED'],
    ['CLOSED', 'REPLIED', 'CLOSED'],
    ['OPEN', 'REJECTED', 'REJECTED'],
    ['AWAITING_MATERIALS', 'REJECTED', 'REJECTED'],
    ['REJECTED', 'NOTE_ADDED', 'REJECTED'],
  ])('%s + %s -> %s', (state, event, to) => expect(nextState(state, event)).toBe(to));

  test.each<[CaseState | null, CaseEventType, string]>([
    [null, 'STARTED', 'no case yet'],
    ['OPEN', 'OPENED', 'already exists'],
    ['OPEN', 'RESOLVED', 'start first (Art. 7-8)'],
    ['OPEN', 'TRANSFER_REQUESTED', 'take it up first (Art. 13)'],
    ['IN_PROGRESS', 'MATERIALS_RECEIVED', 'nothing was requested'],
    ['AWAITING_MATERIALS', 'MATERIALS_REQUESTED', 'already waiting'],
    ['AWAITING_MATERIALS', 'RESOLVED', 'materials first'],
    ['AWAITING_MATERIALS', 'EXTENDED', 'clocks paused'],
    ['TRANSFER_PENDING', 'RESOLVED', 'the receiver decides first'],
    ['TRANSFER_PENDING', 'ASSIGNED', 'the receiver decides first'],
    ['TRANSFER_PENDING', 'TRANSFER_REQUESTED', 'one transfer at a time'],
    ['IN_PROGRESS', 'TRANSFER_ACCEPTED', 'nothing pending'],
    ['IN_PROGRESS', 'CLOSED', 'no resolution (Art. 22)'],
    ['OPEN', 'CLOSED', 'no resolution (Art. 22)'],
    ['RESOLVED', 'EXTENDED', 'clocks stopped'],
    ['RESOLVED', 'REJECTED', 'already resolved'],
    ['CLOSED', 'REOPENED', 'closed is final'],
    ['REJECTED', 'REOPENED', 'only a resolved case reopens'],
    ['REJECTED', 'STARTED', 'terminal'],
    ['IN_PROGRESS', 'RATED', 'nothing to rate yet'],
  ])('%s + %s is CONFLICT (%s)', (state, event) => {
    const err = refusal(() => nextState(state, event), 'CONFLICT');
    expect(err.message).toContain(event);
  });

  test('the refusal names the state, the event and what is allowed', () => {
    expect(refusal(() => nextState('CLOSED', 'REOPENED'), 'CONFLICT').message).toBe(
      'a case in state CLOSED cannot take event REOPENED (allowed: NOTE_ADDED, REPLIED, RATED, RATING_APPEALED, RATING_APPEAL_DECIDED, SUPERVISION_RESPONDED, SUPERVISION_REMINDED, SUPERVISION_ESCALATED, SUPERVISION_CLOSED, FLAGGED)',
    );
  });

  test('an unknown event is CONFLICT, not a crash', () => {
    refusal(() => nextState('OPEN', 'DELETED' as CaseEventType), 'CONFLICT');
  });
});
