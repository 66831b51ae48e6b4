import { describe, expect, test } from 'vitest';
import { i18nProvider, localizeServerMessage } from '../i18n/index.js';
import { toHttpError } from './client.js';
import { fieldErrorsOf } from './errors.js';

const zh = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
const refusal = (fields: Record<string, string>) => toHttpError([{ message: 'invalid input', extensions: { code: 'BAD_USER_INPUT', fields } }], 200, zh);

describe('field errors of a refusal', () => {
  test('by input path, without `input.` and the summary, in the viewer’s language (modules’ server texts included)', () => {
    const e = refusal({ 'input.reason': 'is required', 'form.fields.1.config.options': 'must have at least one option', 'formData.born': 'must not be in the future' });
    expect(fieldErrorsOf(e)).toEqual({ reason: '必填', 'form.fields.1.config.options': '至少需要一个选项', 'formData.born': expect.not.stringContaining('future') });
    // The notice names them too, in Chinese.
    expect(e.message).toContain('至少需要一个选项');
  });

  test('renamed to the form’s own fields; the first message of a field wins', () => {
    const e = refusal({ 'reasons.0': 'is required', 'reasons.2': 'is too long' });
    expect(fieldErrorsOf(e, (p) => p.replace(/\.\d+$/, ''))).toEqual({ reasons: '必填' });
  });

  test('nothing for an error without fields, or not an HttpError at all', () => {
    expect(fieldErrorsOf(toHttpError([{ message: 'no', extensions: { code: 'FORBIDDEN' } }], 200, zh))).toEqual({});
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});
