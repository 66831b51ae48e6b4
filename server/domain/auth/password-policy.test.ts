import { expect, test } from 'vitest';
import { passwordProblem, usernameKey, usernameProblem } from './password-policy.js';

test('passwords: length, letters plus a digit or symbol, no single repeated character', () => {
  expect(passwordProblem('tianping-demo')).toBeNull();
  expect(passwordProblem('abc123')).toMatch(/at least 10/);
  expect(passwordProblem('abcdefghijkl')).toMatch(/digit or symbol/);
  expect(passwordProblem('1234567890123')).toMatch(/letters/);
  expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
});

test('usernames', () => {
  expect(usernameProblem('city.admin')).toBeNull();
  expect(usernameProblem('yubei_staff-2')).toBeNull();
  expect(usernameProblem('ab')).not.toBeNull();
  expect(usernameProblem('.dot')).not.toBeNull();
  expect(usernameProblem('中文名')).not.toBeNull();
  expect(usernameKey('  City.Admin ')).toBe('city.admin');
});
