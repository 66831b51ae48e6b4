import { expect, test } from 'vitest';
import { afterFailure, isLocked } from './throttle.js';

const policy = { maxFailures: 3, windowSeconds: 60, lockSeconds: 300 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, s));

test('locks after maxFailures within the window, then unlocks after lockSeconds', () => {
  let s = afterFailure(null, at(0), policy);
  expect(s.failures).toBe(1);
  s = afterFailure(s, at(10), policy);
  expect(isLocked(s, at(10))).toBe(false);
  s = afterFailure(s, at(20), policy);
  expect(s.failures).toBe(3);
  expect(isLocked(s, at(21))).toBe(true);
  expect(isLocked(s, new Date(at(20).getTime() + 300_000))).toBe(false);
});

test('failures outside the window start a new count', () => {
  let s = afterFailure(null, at(0), policy);
  s = afterFailure(s, at(30), policy);
  s = afterFailure(s, new Date(at(0).getTime() + 61_000), policy);
  expect(s.failures).toBe(1);
  expect(s.lockedUntil).toBeNull();
});

test('after a lock has expired the count starts again', () => {
  let s = afterFailure(null, at(0), policy);
  s = afterFailure(s, at(1), policy);
  s = afterFailure(s, at(2), policy);
  const later = new Date(at(2).getTime() + 301_000);
  s = afterFailure(s, later, policy);
  expect(s.failures).toBe(1);
  expect(isLocked(s, later)).toBe(false);
});
