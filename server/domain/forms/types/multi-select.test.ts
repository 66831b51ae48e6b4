import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';

const options = [
  { value: 'lawyer', label: '律师' },
  { value: 'notary', label: '公证' },
  { value: 'mediation', label: '调解' },
];

describe('MULTI_SELECT config', () => {
  test('accepts options with item limits', () => {
    expect(parsedConfig('MULTI_SELECT', { options, minItems: 1, maxItems: 2 })).toEqual({ options, minItems: 1, maxItems: 2 });
    expect(parsedConfig('MULTI_SELECT', { options, minItems: 3, maxItems: 3 })).toEqual({ options, minItems: 3, maxItems: 3 });
  });

  test.each([
    [{ options: [] }, { options: 'must have at least one option' }],
    [{ options: [options[0], options[0]] }, { options: 'must have distinct values ("lawyer" repeats)' }],
    [{ options, minItems: 0 }, { minItems: 'must be at least 1' }],
    [{ options, maxItems: 0 }, { maxItems: 'must be at least 1' }],
    [{ options, maxItems: 1.5 }, { maxItems: 'must be a whole number' }],
    [{ options, minItems: 3, maxItems: 2 }, { minItems: 'must not exceed maxItems' }],
    [{ options, minItems: 4 }, { minItems: 'must not exceed the number of options' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('MULTI_SELECT', config)).toEqual(errors);
  });
});

describe('MULTI_SELECT values', () => {
  test("returns the choices in the options' order", () => {
    expect(check('MULTI_SELECT', { options }, ['mediation', 'lawyer'])).toEqual({ ok: true, value: ['lawyer', 'mediation'] });
  });

  test.each([
    ['lawyer', 'must be a list of options'],
    [{ 0: 'lawyer' }, 'must be a list of options'],
    [['lawyer', 'lawyer'], 'must not repeat an option'],
    [['lawyer', 'other'], 'must contain only the options'],
    [['lawyer', 1], 'must contain only the options'],
    [['律师'], 'must contain only the options'],
  ])('refuses %j: %s', (value, message) => {
    expect(check('MULTI_SELECT', { options }, value)).toEqual({ ok: false, message });
  });

  test('applies minItems and maxItems', () => {
    const config = { options, minItems: 2, maxItems: 2 };
    expect(check('MULTI_SELECT', config, ['lawyer'])).toEqual({ ok: false, message: 'must have at least 2 options chosen' });
    expect(check('MULTI_SELECT', config, ['lawyer', 'notary']).ok).toBe(true);
    expect(check('MULTI_SELECT', config, ['lawyer', 'notary', 'mediation'])).toEqual({
      ok: false,
      message: 'must have at most 2 options chosen',
    });
  });
});
