import { describe, expect, test } from 'vitest';
import { dueState } from './due.js';

const now = Date.parse('2026-11-30T02:00:00Z');
const at = (hours: number) => new Date(now + hours * 3_600_000).toISOString();

describe('dueState', () => {
  test('open cases: overdue past the due date or when the server says so, due soon within a day', () => {
    expect(dueState({ dueAt: at(-1) }, { status: 'IN_PROGRESS' }, now)).toBe('overdue');
    expect(dueState({ dueAt: at(48), overdue: true }, { status: 'IN_PROGRESS' }, now)).toBe('overdue');
    expect(dueState({ dueAt: at(5) }, { status: 'OPEN' }, now)).toBe('due_soon');
    expect(dueState({ dueAt: at(72) }, { status: 'OPEN' }, now)).toBe('open');
  });

  test('waiting for materials: paused (the clocks stop), unless it was already overdue', () => {
    expect(dueState({ dueAt: at(-5) }, { status: 'AWAITING_MATERIALS', pausedSince: at(-10) }, now)).toBe('paused');
    expect(dueState({ dueAt: at(-5), overdue: true }, { status: 'AWAITING_MATERIALS', pausedSince: at(-1) }, now)).toBe('overdue');
  });

  test('finished cases are done, or overdue if they finished late', () => {
    expect(dueState({ dueAt: at(-48) }, { status: 'RESOLVED' }, now)).toBe('done');
    expect(dueState({ dueAt: at(-48), overdue: true }, { status: 'CLOSED' }, now)).toBe('overdue');
  });
});
