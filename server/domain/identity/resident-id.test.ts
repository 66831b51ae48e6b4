import { describe, expect, test } from 'vitest';
import { maskResidentId, normaliseResidentId } from './resident-id.js';

const TODAY = '2026-03-15';

/** An independent MOD 11-2 (ISO 7064) check: sum of digit × 2^(17-i) mod 11, then (12 - sum) mod 11. */
function checkFor(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const r = (12 - (sum % 11)) % 11;
  return r === 10 ? 'X' : String(r);
}
const withCheck = (body: string) => body + checkFor(body);

describe('the test helper', () => {
  test('agrees with the examples printed in GB 11643-1999', () => {
    expect(checkFor('11010519491231002')).toBe('X');
    expect(checkFor('44052418800101001')).toBe('4');
  });
});

describe('normaliseResidentId', () => {
  test.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['  11010519491231002x\n', '11010519491231002X'],
    [withCheck('50010119900101123'), withCheck('50010119900101123')],
    [withCheck('82000020260315001'), withCheck('82000020260315001')], // born today, Macau
    [withCheck('65010119000101001'), withCheck('65010119000101001')], // earliest allowed date
    [withCheck('71000020000229002'), withCheck('71000020000229002')], // 2000 is a leap year
  ])('%s -> %s', (input, expected) => {
    expect(normaliseResidentId(input, TODAY)).toEqual({ ok: true, value: expected });
  });

  test('the constructed bodies give every kind of check character', () => {
    expect(withCheck('50010119900101123').at(-1)).toBe('X');
    expect(new Set(['50010119900101123', '50010119900101124', '50010119900101125'].map(checkFor)).size).toBe(3);
  });

  test.each([
    ['', 'must be 18 characters'],
    ['11010519491231002', 'must be 18 characters'],
    ['11010519491231002X1', 'must be 18 characters'],
    ['110105 19491231002X', 'must be 18 characters'],
    ['11010519491231002A', 'must be 17 digits followed by a digit or X'],
    ['1101051949123100X2', 'must be 17 digits followed by a digit or X'],
    ['１１0105194912310021', 'must be 17 digits followed by a digit or X'],
    [withCheck('10010119900101123'), 'does not start with a valid region code'],
    [withCheck('16010119900101123'), 'does not start with a valid region code'],
    [withCheck('83000019900101123'), 'does not start with a valid region code'],
    [withCheck('00000019900101123'), 'does not start with a valid region code'],
    [withCheck('50010119901301123'), 'has an invalid birth date'],
    [withCheck('50010119900001123'), 'has an invalid birth date'],
    [withCheck('50010119900100123'), 'has an invalid birth date'],
    [withCheck('50010119900230123'), 'has an invalid birth date'],
    [withCheck('50010119000229123'), 'has an invalid birth date'], // 1900 is not a leap year
    [withCheck('50010120230229123'), 'has an invalid birth date'],
    [withCheck('50010118991231123'), 'has a birth date before 1900'],
    ['440524188001010014', 'has a birth date before 1900'], // the standard's other example
    [withCheck('50010120260316123'), 'has a birth date in the future'],
    ['110105194912310021', 'has a wrong check digit'],
    ['110105194912310020', 'has a wrong check digit'],
    ['500101199001011234', 'has a wrong check digit'],
  ])('refuses %s: %s', (input, reason) => {
    expect(normaliseResidentId(input, TODAY)).toEqual({ ok: false, reason });
  });

  test('a reason never contains the number', () => {
    const result = normaliseResidentId('110105194912310021', TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain('1101');
  });

  test('today must be a date', () => {
    expect(() => normaliseResidentId('11010519491231002X', '2026-3-15')).toThrow(TypeError);
  });
});

describe('maskResidentId', () => {
  test('keeps the region and the last four (Art. 26)', () => {
    expect(maskResidentId('500101199001011234')).toBe('500101********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
  test('hides short input entirely', () => {
    expect(maskResidentId('123456789')).toBe('*********');
  });
});
