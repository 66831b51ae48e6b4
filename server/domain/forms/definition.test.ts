import { describe, expect, test } from 'vitest';
import { validateFormDefinition } from './definition.js';

const field = (over: Record<string, unknown> = {}) => ({ key: 'name', label: '姓名', type: 'TEXT', required: true, ...over });
const errorsOf = (def: unknown) => {
  const result = validateFormDefinition(def);
  return result.ok ? {} : result.errors;
};

describe('validateFormDefinition', () => {
  test('returns the definition with configs parsed and defaults filled in', () => {
    const result = validateFormDefinition({
      fields: [
        field({ label: ' 姓名 ', helpText: ' 与身份证一致 ' }),
        { key: 'idNumber', label: '身份证号', type: 'RESIDENT_ID', required: true, config: {} },
        { key: 'mobile', label: '手机', type: 'PHONE', helpText: null },
        {
          key: 'topic_2',
          label: '事项',
          type: 'SELECT',
          required: false,
          helpText: '',
          config: { options: [{ value: 'wage', label: '欠薪' }] },
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        fields: [
          { key: 'name', label: '姓名', type: 'TEXT', required: true, helpText: '与身份证一致', config: { maxLength: 200 } },
          { key: 'idNumber', label: '身份证号', type: 'RESIDENT_ID', required: true, config: {} },
          { key: 'mobile', label: '手机', type: 'PHONE', required: false, config: {} },
          { key: 'topic_2', label: '事项', type: 'SELECT', required: false, config: { options: [{ value: 'wage', label: '欠薪' }] } },
        ],
      },
    });
  });

  test('an empty form is a form', () => {
    expect(validateFormDefinition({ fields: [] })).toEqual({ ok: true, value: { fields: [] } });
  });

  test('accepts 50 fields and refuses 51', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => field({ key: `f${i}` }));
    expect(validateFormDefinition({ fields: fields(50) }).ok).toBe(true);
    expect(errorsOf({ fields: fields(51) })).toEqual({ fields: 'must have at most 50 fields' });
  });

  test.each([
    [null, { input: 'must be an object with a list of fields' }],
    [[], { input: 'must be an object with a list of fields' }],
    [{}, { fields: 'must be a list of fields' }],
    [{ fields: {} }, { fields: 'must be a list of fields' }],
    [{ fields: [], title: 'x' }, { title: 'is not a recognised setting' }],
  ])('refuses the shape %j', (def, errors) => {
    expect(errorsOf(def)).toEqual(errors);
  });

  const keyMessage = 'must be 1-40 letters, digits or underscores, starting with a lowercase letter';
  test.each(['Name', '1st', '_x', 'full-name', 'full name', '', 'a'.repeat(41), '名字'])('refuses the key %j', (key) => {
    expect(errorsOf({ fields: [field({ key })] })).toEqual({ 'fields.0.key': keyMessage });
  });

  test.each(['a', 'fullName', 'x_1', 'a'.repeat(40)])('accepts the key %j', (key) => {
    expect(validateFormDefinition({ fields: [field({ key })] }).ok).toBe(true);
  });

  test('refuses a repeated key, at the later field', () => {
    expect(errorsOf({ fields: [field(), field({ type: 'LONG_TEXT' }), field({ key: 'other' })] })).toEqual({
      'fields.1.key': 'must be unique ("name" is used by another field)',
    });
  });

  test.each([
    [{ label: '' }, { 'fields.0.label': 'is required' }],
    [{ label: '   ' }, { 'fields.0.label': 'is required' }],
    [{ label: 'x'.repeat(101) }, { 'fields.0.label': 'must be at most 100 characters' }],
    [{ label: undefined }, { 'fields.0.label': 'must be text' }],
    [{ required: 'yes' }, { 'fields.0.required': 'must be true or false' }],
    [{ helpText: 'x'.repeat(501) }, { 'fields.0.helpText': 'must be at most 500 characters' }],
    [{ placeholder: 'x' }, { 'fields.0.placeholder': 'is not a recognised setting' }],
    [{ type: 'EMAIL' }, { 'fields.0.type': 'must be one of TEXT, LONG_TEXT, NUMBER, DATE, SELECT, MULTI_SELECT, YES_NO, PHONE, RESIDENT_ID' }],
    [{ type: 'text' }, { 'fields.0.type': 'must be one of TEXT, LONG_TEXT, NUMBER, DATE, SELECT, MULTI_SELECT, YES_NO, PHONE, RESIDENT_ID' }],
    [{ type: undefined }, { 'fields.0.type': 'must be text' }],
  ])('refuses the field %j', (over, errors) => {
    expect(errorsOf({ fields: [field(over)] })).toEqual(errors);
  });

  test('refuses a field that is not an object', () => {
    expect(errorsOf({ fields: ['name'] })).toEqual({ 'fields.0': 'must be an object' });
  });

  test('keys config errors by their path under the field', () => {
    expect(
      errorsOf({
        fields: [
          field(),
          field({ key: 'kind', type: 'SELECT', config: { options: [] } }),
          field({ key: 'kinds', type: 'MULTI_SELECT', config: { options: [{ value: 'a', label: '' }], maxItems: 0 } }),
          field({ key: 'count', type: 'NUMBER', config: 'integer' }),
        ],
      }),
    ).toEqual({
      'fields.1.config.options': 'must have at least one option',
      'fields.2.config.options.0.label': 'must not be empty',
      'fields.2.config.maxItems': 'must be at least 1',
      'fields.3.config': 'must be an object of settings',
    });
  });

  test('reports every field at once', () => {
    expect(errorsOf({ fields: [field({ key: 'A' }), field({ key: 'b', label: '' }), field({ key: 'c', type: 'X' })] })).toEqual({
      'fields.0.key': keyMessage,
      'fields.1.label': 'is required',
      'fields.2.type': expect.stringContaining('must be one of'),
    });
  });
});
