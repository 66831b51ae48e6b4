import { describe, expect, test } from 'vitest';
import {
  CASE_NUMBER_MAX_LENGTH,
  caseNumberPrefix,
  formatCaseNumber,
  isCaseNumberOf,
  parseCaseNumber,
} from './case-number.js';

describe('formatCaseNumber', () => {
  test.each([
    ['yubei', 2026, 123, 'YUBEI-2026-000123'],
    ['yubei-legal-aid', 2026, 1, 'YUBEI-LEGAL-AID-2026-000001'],
    ['cq-12348', 2025, 999_999, 'CQ-12348-2025-999999'],
    ['cq', 2026, 1_000_000, 'CQ-2026-1000000'],
  ])('%s %i %i -> %s', (slug, year, seq, expected) => expect(formatCaseNumber(slug, year, seq)).toBe(expected));

  test('a long slug is cut to 24 characters without a trailing hyphen; every number fits 40', () => {
    const slug = 'chongqing-yubei-longxi-street-peoples-mediation-committee';
    expect(caseNumberPrefix(slug)).toBe('CHONGQING-YUBEI-LONGXI-S');
    expect(caseNumberPrefix('abcdefghijklmnopqrstuvw-xyz')).toBe('ABCDEFGHIJKLMNOPQRSTUVW');
    const longest = formatCaseNumber('a'.repeat(63), 9999, 999_999_999);
    expect(longest.length).toBeLessThanOrEqual(CASE_NUMBER_MAX_LENGTH);
    expect(parseCaseNumber(longest)).toEqual({ prefix: 'A'.repeat(24), year: 9999, seq: 999_999_999 });
  });

  test.each<[string, number, number]>([
    ['Yubei', 2026, 1],
    ['-yubei', 2026, 1],
    ['y', 2026, 1],
    ['yubei', 226, 1],
    ['yubei', 2026, 0],
    ['yubei', 2026, 1.5],
    ['yubei', 2026, 1_000_000_000],
  ])('refuses %s %i %i (a caller bug)', (slug, year, seq) => {
    expect(() => formatCaseNumber(slug, year, seq)).toThrow(RangeError);
  });
});

describe('parseCaseNumber', () => {
  test('round-trips and reads from the right, so prefixes may hold hyphens and digits', () => {
    expect(parseCaseNumber('YUBEI-2026-000123')).toEqual({ prefix: 'YUBEI', year: 2026, seq: 123 });
    expect(parseCaseNumber('CQ-12348-2026-000007')).toEqual({ prefix: 'CQ-12348', year: 2026, seq: 7 });
    for (const [slug, seq] of [['yubei-notary', 42], ['cq-12348', 1_234_567]] as const) {
      const n = formatCaseNumber(slug, 2026, seq);
      expect(parseCaseNumber(n)).toEqual({ prefix: slug.toUpperCase(), year: 2026, seq });
    }
  });

  test('accepts what people type: spaces around, lower case', () => {
    expect(parseCaseNumber('  yubei-2026-000123 ')).toEqual({ prefix: 'YUBEI', year: 2026, seq: 123 });
  });

  test.each(['', 'YUBEI', 'YUBEI-2026', 'YUBEI-2026-123', 'YUBEI-2026-0001234', 'YUBEI-2026-000000', 'YUBEI-26-000123', '-2026-000123', 'YUBEI--2026-000123', 'YU_BEI-2026-000123', 'YUBEI-2026-000123-1', `${'A'.repeat(25)}-2026-000001`])(
    'refuses %j',
    (s) => expect(parseCaseNumber(s)).toBeNull(),
  );

  test('isCaseNumberOf compares prefixes', () => {
    expect(isCaseNumberOf('YUBEI-2026-000123', 'yubei')).toBe(true);
    expect(isCaseNumberOf('YUBEI-LEGAL-AID-2026-000123', 'yubei')).toBe(false);
    expect(isCaseNumberOf('nonsense', 'yubei')).toBe(false);
  });
});
