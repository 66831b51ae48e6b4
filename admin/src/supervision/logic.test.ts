import { describe, expect, test } from 'vitest';
import {
  barLengths,
  canAcknowledge,
  canIssueOrder,
  customRangeProblem,
  initialPeriod,
  orderActions,
  pendingLevels,
  percent,
  periodInput,
  periodParams,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiLocalNow,
  shanghaiLocalToIso,
  shanghaiToday,
  shares,
  sortTenantRows,
  type TenantRow,
  trend,
} from './logic.js';

describe('periods', () => {
  test('the Shanghai day, not the browser’s (16:30 UTC is already tomorrow in Shanghai)', () => {
    const late = new Date('2026-03-31T16:30:00Z');
    expect(shanghaiToday(late)).toBe('2026-04-01');
    expect(initialPeriod(late)).toMatchObject({ kind: 'MONTH', month: '2026-04', year: 2026, quarter: 2, from: '2026-04-01', to: '2026-04-01' });
    expect(shanghaiLocalNow(late)).toBe('2026-04-01T00:30');
  });

  test('the picker becomes StatisticsPeriodInput: a day inside calendar periods, the range for CUSTOM', () => {
    const base = initialPeriod(new Date('2026-11-29T03:00:00Z'));
    expect(periodInput(base)).toEqual({ kind: 'MONTH', date: '2026-11-01' });
    expect(periodInput({ ...base, kind: 'QUARTER', year: 2025, quarter: 3 })).toEqual({ kind: 'QUARTER', date: '2025-07-01' });
    expect(periodInput({ ...base, kind: 'QUARTER', year: 2025, quarter: 4 })).toEqual({ kind: 'QUARTER', date: '2025-10-01' });
    expect(periodInput({ ...base, kind: 'YEAR', year: 2024 })).toEqual({ kind: 'YEAR', date: '2024-01-01' });
    expect(periodInput({ ...base, kind: 'CUSTOM', from: '2026-01-05', to: '2026-02-05' })).toEqual({ kind: 'CUSTOM', from: '2026-01-05', to: '2026-02-05' });
  });

  test('report parameters follow the same period', () => {
    expect(periodParams({ kind: 'MONTH', date: '2026-11-01' })).toEqual({ kind: 'MONTH', date: '2026-11-01' });
    expect(periodParams({ kind: 'CUSTOM', from: '2026-01-01', to: '2026-01-31' })).toEqual({ kind: 'CUSTOM', from: '2026-01-01', to: '2026-01-31' });
  });

  test('a custom range must be whole, in order and at most 366 days', () => {
    const base = { ...initialPeriod(new Date('2026-11-29T03:00:00Z')), kind: 'CUSTOM' as const };
    expect(customRangeProblem({ ...base, from: '', to: '2026-01-01' })).toBe('missing');
    expect(customRangeProblem({ ...base, from: '2026-02-01', to: '2026-01-01' })).toBe('reversed');
    expect(customRangeProblem({ ...base, from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // 366 days (leap year)
    expect(customRangeProblem({ ...base, from: '2024-01-01', to: '2025-01-01' })).toBe('too_long');
    expect(customRangeProblem({ ...base, from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(customRangeProblem({ ...base, kind: 'MONTH', from: '', to: '' })).toBeNull();
  });

  test('Shanghai days and wall-clock times as instants', () => {
    expect(shanghaiDayStart('2026-11-01')).toBe('2026-10-31T16:00:00.000Z');
    expect(shanghaiDayEnd('2026-11-01')).toBe('2026-11-01T15:59:59.999Z');
    expect(shanghaiLocalToIso('2026-11-01T08:15')).toBe('2026-11-01T00:15:00.000Z');
  });
});

describe('chart arithmetic', () => {
  test('bars scale to the largest value; all zeros stay zero (no NaN)', () => {
    expect(barLengths([0, 5, 10], 200)).toEqual([0, 100, 200]);
    expect(barLengths([0, 0], 200)).toEqual([0, 0]);
    expect(barLengths([], 200)).toEqual([]);
  });

  test('shares of a total; zeros when nothing was counted', () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
    expect(shares([0, 0, 0])).toEqual([0, 0, 0]);
  });

  test('percentages with one decimal; a dash for nothing to measure', () => {
    expect(percent(0.7777)).toBe('77.8%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
  });

  test('this period against the previous', () => {
    expect(trend(5, 3)).toEqual({ direction: 'up', delta: 2 });
    expect(trend(3, 5)).toEqual({ direction: 'down', delta: -2 });
    expect(trend(3, 3)).toEqual({ direction: 'same', delta: 0 });
    expect(trend(null, 3)).toEqual({ direction: 'none', delta: null });
  });
});

describe('the roll-up table', () => {
  const row = (name: string, received: number, rate: number | null): TenantRow => ({
    tenant: { id: name, name },
    includesSubtree: true,
    received,
    resolved: 0,
    overdue: 0,
    onTimeCommittedRate: rate,
    satisfactionRate: null,
  });
  const rows = [row('乙', 5, 0.5), row('甲', 9, null), row('丙', 1, 0.9)];

  test('sorts by a number either way, unknown rates last both ways', () => {
    expect(sortTenantRows(rows, 'received', 'desc').map((r) => r.received)).toEqual([9, 5, 1]);
    expect(sortTenantRows(rows, 'received', 'asc').map((r) => r.received)).toEqual([1, 5, 9]);
    expect(sortTenantRows(rows, 'onTimeCommittedRate', 'desc').map((r) => r.onTimeCommittedRate)).toEqual([0.9, 0.5, null]);
    expect(sortTenantRows(rows, 'onTimeCommittedRate', 'asc').map((r) => r.onTimeCommittedRate)).toEqual([0.5, 0.9, null]);
  });

  test('does not reorder its input', () => {
    sortTenantRows(rows, 'received', 'asc');
    expect(rows.map((r) => r.tenant.name)).toEqual(['乙', '甲', '丙']);
  });
});

describe('who may do what', () => {
  const district = 'T-district';
  const office = 'T-office';
  const supervisor = { roles: ['SUPERVISOR'], tenant: { id: district } };
  const staff = { roles: ['STAFF'], tenant: { id: office } };
  const order = (status: 'OPEN' | 'RESPONDED' | 'CLOSED' | 'ESCALATED') => ({ status, issuerTenant: { id: district }, case: { handlerTenant: { id: office } } });

  test('the handling tenant answers open orders; the issuing supervisors remind and close', () => {
    expect(orderActions(order('OPEN'), staff)).toEqual({ respond: true, remind: false, close: false });
    expect(orderActions(order('RESPONDED'), staff)).toEqual({ respond: false, remind: false, close: false });
    expect(orderActions(order('OPEN'), supervisor)).toEqual({ respond: false, remind: true, close: false });
    expect(orderActions(order('RESPONDED'), supervisor)).toEqual({ respond: false, remind: true, close: true });
    expect(orderActions(order('CLOSED'), supervisor)).toEqual({ respond: false, remind: false, close: false });
    expect(orderActions(order('ESCALATED'), supervisor)).toEqual({ respond: false, remind: false, close: false });
    // Staff of the issuing tenant do not remind or close; admins of the handler do not answer.
    expect(orderActions(order('RESPONDED'), { roles: ['STAFF'], tenant: { id: district } }).close).toBe(false);
    expect(orderActions(order('OPEN'), { roles: ['ADMIN'], tenant: { id: office } }).respond).toBe(false);
    expect(orderActions(order('OPEN'), undefined)).toEqual({ respond: false, remind: false, close: false });
  });

  test('supervisors issue orders on open cases another tenant handles', () => {
    expect(canIssueOrder(supervisor, office, 'IN_PROGRESS')).toBe(true);
    expect(canIssueOrder(supervisor, district, 'IN_PROGRESS')).toBe(false);
    expect(canIssueOrder(supervisor, office, 'CLOSED')).toBe(false);
    expect(canIssueOrder(staff, district, 'OPEN')).toBe(false);
  });

  const levels = [
    { depth: 2, acknowledgedAt: null, tenant: { id: 'T-root', name: '市局' } },
    { depth: 1, acknowledgedAt: '2026-11-29T01:00:00Z', tenant: { id: district, name: '区局' } },
  ];

  test('pending levels, nearest first', () => {
    expect(pendingLevels(levels).map((l) => l.depth)).toEqual([2]);
    expect(pendingLevels([...levels, { depth: 3, acknowledgedAt: null, tenant: null }]).map((l) => l.depth)).toEqual([2, 3]);
  });

  test('only a supervisor or admin of a level that has not acknowledged is offered the button', () => {
    expect(canAcknowledge(levels, supervisor)).toBe(false); // the district already did
    expect(canAcknowledge(levels, { roles: ['SUPERVISOR'], tenant: { id: 'T-root' } })).toBe(true);
    expect(canAcknowledge(levels, { roles: ['ADMIN'], tenant: { id: 'T-root' } })).toBe(true);
    expect(canAcknowledge(levels, { roles: ['STAFF'], tenant: { id: 'T-root' } })).toBe(false);
    expect(canAcknowledge(levels, { roles: ['SUPERVISOR'], tenant: { id: office } })).toBe(false); // not a level
  });
});
