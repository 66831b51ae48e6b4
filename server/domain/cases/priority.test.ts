import { describe, expect, test } from 'vitest';
import { computePriority, PRIORITY_LEVELS, PROTECTED_GROUPS, URGENCIES, type PriorityInput, type ProtectedGroup, type Urgency } from './priority.js';
import { fieldsOf } from './test-support.js';

const p = (urgency: Urgency, ...protectedGroups: ProtectedGroup[]) => computePriority({ urgency, protectedGroups });

describe('computePriority', () => {
  test.each<[Urgency, ProtectedGroup[], string, number]>([
    ['EMERGENCY', ['ELDERLY', 'DISABLED'], 'EMERGENCY', 2],
    ['EMERGENCY', [], 'EMERGENCY', 4],
    ['URGENT', ['MINOR'], 'URGENT', 13],
    ['URGENT', [], 'URGENT', 14],
    ['NORMAL', ['ELDERLY', 'DISABLED', 'MINOR', 'MIGRANT_WAGE'], 'PRIORITY', 20],
    ['NORMAL', ['MIGRANT_WAGE'], 'PRIORITY', 23],
    ['NORMAL', [], 'ROUTINE', 34],
  ])('%s %j -> %s (%i)', (urgency, groups, level, sortKey) => {
    expect(p(urgency, ...groups)).toEqual({ level, sortKey });
  });

  test('legal urgency outranks protected groups; groups outrank nothing; duplicates count once', () => {
    expect(p('URGENT').sortKey).toBeLessThan(p('NORMAL', ...PROTECTED_GROUPS).sortKey);
    expect(p('NORMAL', 'ELDERLY').sortKey).toBeLessThan(p('NORMAL').sortKey);
    expect(p('NORMAL', 'ELDERLY', 'ELDERLY')).toEqual(p('NORMAL', 'ELDERLY'));
  });

  test('the sort key orders every combination by level first', () => {
    const groupSets: ProtectedGroup[][] = [[], ['ELDERLY'], ['ELDERLY', 'MINOR'], [...PROTECTED_GROUPS]];
    const all = URGENCIES.flatMap((u) => groupSets.map((g) => p(u, ...g)));
    for (const a of all) {
      for (const b of all) {
        if (PRIORITY_LEVELS.indexOf(a.level) < PRIORITY_LEVELS.indexOf(b.level)) expect(a.sortKey).toBeLessThan(b.sortKey);
      }
    }
  });

  test('unknown values are refused by field', () => {
    expect(fieldsOf(() => computePriority({ urgency: 'VIP' as Urgency, protectedGroups: ['ELDERLY', 'RICH' as ProtectedGroup] }))).toEqual({
      urgency: 'must be NORMAL, URGENT or EMERGENCY',
      'protectedGroups.1': 'must be ELDERLY, DISABLED, MINOR or MIGRANT_WAGE',
    });
  });
});

describe('nothing paid ever changes priority (Art. 25, 26)', () => {
  test('the input type has no field for payment: a fee does not even compile', () => {
    // @ts-expect-error — PriorityInput has no fee, paid-service or VIP field, and must never get one
    const input: PriorityInput = { urgency: 'NORMAL', protectedGroups: [], feePaid: 5000 };
    expect(computePriority(input)).toEqual(p('NORMAL'));
    // Fails to compile the day PriorityInput gains any field besides these two.
    type OtherKeys = Exclude<keyof PriorityInput, 'urgency' | 'protectedGroups'>;
    const onlyTheseTwo: [OtherKeys] extends [never] ? true : false = true;
    expect(onlyTheseTwo).toBe(true);
  });

  test('payment fields smuggled in at runtime are ignored', () => {
    const paid = { urgency: 'NORMAL', protectedGroups: [], feePaid: 5000, paidService: true, vip: true, lawyerRetained: 'paid' };
    expect(computePriority(paid as unknown as PriorityInput)).toEqual(p('NORMAL'));
    const urgentPaid = { urgency: 'URGENT', protectedGroups: ['MINOR'], fee: 99999 };
    expect(computePriority(urgentPaid as unknown as PriorityInput)).toEqual(p('URGENT', 'MINOR'));
  });
});
