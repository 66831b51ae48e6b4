import { describe, expect, test } from 'vitest';
import { contentErrorPaths, contentInput, contentToForm } from './serviceItems.js';

describe('contentErrorPaths', () => {
  test('brings every server path to the editor input under content', () => {
    expect(
      contentErrorPaths({
        code: 'bad',
        'committedLimit.amount': 'must not exceed the statutory limit',
        'form.fields.2.config.options': 'must have at least one option',
        'form.fields': 'must have at most 50 fields',
        'content.code': 'is already used',
        'content.formFields.0.label': 'contains the forbidden phrase "x"',
        'materials.1.key': 'duplicates "id"',
        root: { serverError: 'summary' },
        isTemplate: 'only the municipal bureau publishes templates',
      }),
    ).toEqual({
      'content.code': 'bad',
      'content.committedLimit.amount': 'must not exceed the statutory limit',
      'content.formFields.2.config.options': 'must have at least one option',
      'content.formFields': 'must have at most 50 fields',
      'content.formFields.0.label': 'contains the forbidden phrase "x"',
      'content.materials.1.key': 'duplicates "id"',
      root: { serverError: 'summary' },
      isTemplate: 'only the municipal bureau publishes templates',
    });
  });
});

describe('contentInput', () => {
  test('sends each field with only its type’s settings, blanks left out, lists in order', () => {
    const input = contentInput({
      ...contentToForm(null),
      code: ' YB-1 ',
      conditions: '',
      formFields: [
        { key: 'a', label: ' A ', type: 'TEXT', required: true, helpText: '', config: { maxLength: 20, options: [{ value: 'x', label: 'X' }], pattern: '' } },
        { key: 'b', label: 'B', type: 'SELECT', required: false, config: { options: [{ value: ' x ', label: 'X' }], min: 3 } },
        { key: 'c', label: 'C', type: 'NUMBER', required: false, config: { min: 0, max: null, integer: false } },
        { key: 'd', label: 'D', type: 'YES_NO', required: false, config: { options: [] } },
      ],
      statutoryLimit: { amount: '15', unit: 'WORKING_DAYS' },
    });
    expect(input.code).toBe('YB-1');
    expect(input.conditions).toBeNull();
    expect(input.statutoryLimit).toEqual({ amount: 15, unit: 'WORKING_DAYS' });
    expect(input.formFields).toEqual([
      { key: 'a', label: 'A', type: 'TEXT', required: true, helpText: null, config: { maxLength: 20 } },
      { key: 'b', label: 'B', type: 'SELECT', required: false, helpText: null, config: { options: [{ value: 'x', label: 'X' }] } },
      { key: 'c', label: 'C', type: 'NUMBER', required: false, helpText: null, config: { min: 0 } },
      { key: 'd', label: 'D', type: 'YES_NO', required: false, helpText: null, config: {} },
    ]);
  });
});
