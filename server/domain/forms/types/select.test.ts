import { describe, expect, test } from 'vitest';
import { check, configErrors, parsedConfig } from '../test-support.js';

const options = [
  { value: 'labour', label: '劳动争议' },
  { value: 'family', label: '婚姻家庭' },
];

describe('SELECT config', () => {
  test('trims option values and labels', () => {
    expect(parsedConfig('SELECT', { options: [{ value: ' labour ', label: ' 劳动争议 ' }] })).toEqual({
      options: [{ value: 'labour', label: '劳动争议' }],
    });
  });

  test.each([
    [{}, { options: 'must be a list of options' }],
    [{ options: [] }, { options: 'must have at least one option' }],
    [{ options: 'a,b' }, { options: 'must be a list of options' }],
    [{ options: ['a'] }, { 'options.0': 'must be an object with value and label' }],
    [{ options: [{ value: '', label: 'A' }] }, { 'options.0.value': 'must not be empty' }],
    [{ options: [{ value: 'a' }] }, { 'options.0.label': 'must be text' }],
    [{ options: [{ value: 'a', label: 'x'.repeat(101) }] }, { 'options.0.label': 'must be at most 100 characters' }],
    [{ options: [{ value: 'a', label: 'A', colour: 'red' }] }, { 'options.0.colour': 'is not a recognised setting' }],
    [
      { options: [...options, { value: 'labour', label: '另一个' }] },
      { options: 'must have distinct values ("labour" repeats)' },
    ],
    [{ options: [{ value: 'a ', label: 'A' }, { value: 'a', label: 'B' }] }, { options: 'must have distinct values ("a" repeats)' }],
    [
      { options: Array.from({ length: 201 }, (_, i) => ({ value: `v${i}`, label: `L${i}` })) },
      { options: 'must have at most 200 options' },
    ],
    [{ options, minItems: 1 }, { minItems: 'is not a recognised setting' }],
  ])('refuses %j', (config, errors) => {
    expect(configErrors('SELECT', config)).toEqual(errors);
  });
});

describe('SELECT values', () => {
  test('accepts an option value', () => {
    expect(check('SELECT', { options }, 'family')).toEqual({ ok: true, value: 'family' });
  });

  test.each(['劳动争议', 'Family', 'other', ['family'], 1])('refuses %j', (value) => {
    expect(check('SELECT', { options }, value)).toEqual({ ok: false, message: 'must be one of the options' });
  });
});
