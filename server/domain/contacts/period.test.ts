import { expect, test } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { periodOf } from './period.js';

const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return Object.keys((err as DomainError).fields ?? {});
  }
  return [];
};

test('civil days in Asia/Shanghai, both included', () => {
  expect(periodOf('2025-06-02', '2025-06-08')).toEqual({
    from: '2025-06-02',
    to: '2025-06-08',
    start: new Date('2025-06-01T16:00:00Z'),
    end: new Date('2025-06-08T16:00:00Z'),
  });
});

test('one day to 366 days; otherwise the bad end is named', () => {
  expect(periodOf('2024-01-01', '2024-12-31').to).toBe('2024-12-31');
  expect(fieldsOf(() => periodOf('2025-01-01', '2026-01-02'))).toEqual(['to']);
  expect(fieldsOf(() => periodOf('2025-06-02', '2025-06-01'))).toEqual(['to']);
  expect(fieldsOf(() => periodOf('2025-02-30', '2025-03-01'))).toEqual(['from']);
});
