import { describe, expect, test } from 'vitest';
import { validateFormDefinition, type FormDefinition } from './definition.js';
import { maskSubmission, validateSubmission } from './submission.js';

const ctx = { today: '2026-03-15' };

function form(fields: unknown[]): FormDefinition {
  const result = validateFormDefinition({ fields });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const intake = form([
  { key: 'name', label: '姓名', type: 'TEXT', required: true },
  { key: 'story', label: '经过', type: 'LONG_TEXT', required: false },
  { key: 'amount', label: '金额', type: 'NUMBER', required: false, config: { min: 0 } },
  { key: 'since', label: '开始日期', type: 'DATE', required: false, config: { notInFuture: true } },
  { key: 'kind', label: '类别', type: 'SELECT', required: true, config: { options: [{ value: 'wage', label: '欠薪' }, { value: 'injury', label: '工伤' }] } },
  { key: 'help', label: '需要', type: 'MULTI_SELECT', required: false, config: { options: [{ value: 'lawyer', label: '律师' }, { value: 'aid', label: '法律援助' }] } },
  { key: 'migrant', label: '农民工', type: 'YES_NO', required: true },
  { key: 'mobile', label: '手机', type: 'PHONE', required: true },
  { key: 'idNumber', label: '身份证号', type: 'RESIDENT_ID', required: false },
]);

const valid = {
  name: ' 王五 ',
  story: '2025年起拖欠工资\r\n共三个月',
  amount: 12000.5,
  since: '2025-10-01',
  kind: 'wage',
  help: ['aid', 'lawyer'],
  migrant: false,
  mobile: '+86 138 0013 8000',
  idNumber: '11010519491231002x',
};

describe('validateSubmission', () => {
  test('returns every value normalised', () => {
    expect(validateSubmission(intake, valid, ctx)).toEqual({
      ok: true,
      value: {
        name: '王五',
        story: '2025年起拖欠工资\n共三个月',
        amount: 12000.5,
        since: '2025-10-01',
        kind: 'wage',
        help: ['lawyer', 'aid'],
        migrant: false,
        mobile: '13800138000',
        idNumber: '11010519491231002X',
      },
    });
  });

  test('leaves unanswered optional fields out', () => {
    const result = validateSubmission(
      intake,
      { name: '王五', kind: 'injury', migrant: true, mobile: '13800138000', story: '  ', amount: null, help: [] },
      ctx,
    );
    expect(result).toEqual({ ok: true, value: { name: '王五', kind: 'injury', migrant: true, mobile: '13800138000' } });
  });

  test('requires required fields; blank text, null and an empty list are no answer, false is one', () => {
    const result = validateSubmission(intake, { name: '  ', kind: null, migrant: false }, ctx);
    expect(result).toEqual({ ok: false, errors: { name: 'is required', kind: 'is required', mobile: 'is required' } });
    const required = form([{ key: 'help', label: 'H', type: 'MULTI_SELECT', required: true, config: { options: [{ value: 'a', label: 'A' }] } }]);
    expect(validateSubmission(required, { help: [] }, ctx)).toEqual({ ok: false, errors: { help: 'is required' } });
  });

  test('gives one message per bad value, keyed by field', () => {
    const result = validateSubmission(
      intake,
      { ...valid, amount: '12000', since: '2026-03-16', kind: 'other', help: ['aid', 'aid'], migrant: 'no', mobile: '12345', idNumber: '110105194912310021' },
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        amount: 'must be a number',
        since: 'must not be in the future',
        kind: 'must be one of the options',
        help: 'must not repeat an option',
        migrant: 'must be yes or no (true or false)',
        mobile: 'must be a mainland mobile number',
        idNumber: 'must be a valid resident ID number: it has a wrong check digit',
      },
    });
  });

  test('refuses keys the form does not have', () => {
    const data = JSON.parse('{"name":"王五","kind":"wage","migrant":true,"mobile":"13800138000","extra":1,"__proto__":{"x":1}}');
    expect(validateSubmission(intake, data, ctx)).toEqual({
      ok: false,
      errors: Object.fromEntries([
        ['extra', 'is not a field of this form'],
        ['__proto__', 'is not a field of this form'],
      ]),
    });
  });

  test('does not read inherited properties as answers', () => {
    const def = form([{ key: 'constructor', label: 'C', type: 'TEXT', required: true }]);
    expect(validateSubmission(def, {}, ctx)).toEqual({ ok: false, errors: { constructor: 'is required' } });
  });

  test('an empty form accepts only no data', () => {
    expect(validateSubmission(form([]), {}, ctx)).toEqual({ ok: true, value: {} });
    expect(validateSubmission(form([]), { a: 1 }, ctx)).toEqual({ ok: false, errors: { a: 'is not a field of this form' } });
  });
});

describe('maskSubmission', () => {
  const stored = {
    name: '王五',
    kind: 'wage',
    migrant: false,
    mobile: '13800138000',
    idNumber: '500101199001011234',
  };

  test('masks phone and resident ID numbers and copies the rest (Art. 26)', () => {
    expect(maskSubmission(intake, stored)).toEqual({
      name: '王五',
      kind: 'wage',
      migrant: false,
      mobile: '138****8000',
      idNumber: '500101********1234',
    });
  });

  test('returns a copy', () => {
    const data = { ...stored };
    const masked = maskSubmission(intake, data);
    expect(masked).not.toBe(data);
    expect(data.mobile).toBe('13800138000');
  });

  test('drops keys the form does not describe and hides malformed personal values', () => {
    expect(maskSubmission(intake, { name: '王五', secret: '13800138000', mobile: 13800138000, idNumber: null })).toEqual({
      name: '王五',
      mobile: '****',
      idNumber: null,
    });
  });

  test('masks what validateSubmission stored', () => {
    const result = validateSubmission(intake, valid, ctx);
    if (!result.ok) throw new Error('expected valid');
    const masked = maskSubmission(intake, result.value);
    expect(masked.mobile).toBe('138****8000');
    expect(masked.idNumber).toBe('110105********002X');
    expect(JSON.stringify(masked)).not.toContain('13800138000');
  });
});
