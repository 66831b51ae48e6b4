import { describe, expect, test } from 'vitest';
import { maskMobile, normaliseMobile } from './phone.js';

describe('normaliseMobile', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('%s -> %s', (input, expected) => expect(normaliseMobile(input)).toBe(expected));

  test.each(['', '12800138000', '1380013800', '138001380000', '023-12348', '+1 415 555 0100', '1380013800a'])(
    'refuses %s',
    (input) => expect(normaliseMobile(input)).toBeNull(),
  );
});

test('maskMobile keeps the first three and last four digits (Art. 26)', () => {
  expect(maskMobile('13800138000')).toBe('138****8000');
});
