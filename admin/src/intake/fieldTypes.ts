/**
 * The intake-form field types as the admin sees them: which settings (`config`) each type takes,
 * and how an answer is shaped for `openCase.formData`. A mirror of server/domain/forms/types/*
 * (the admin imports nothing from server/): the server checks everything again and its messages
 * are the authority; these only keep the widgets and the builder in step with it.
 */

export const FIELD_TYPES = ['TEXT', 'LONG_TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'YES_NO', 'PHONE', 'RESIDENT_ID'] as const;
export type FieldTypeName = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  label: string;
}

/** A field of a published (or draft) definition, as `FormField` in the schema. */
export interface FormFieldDef {
  key: string;
  label: string;
  type: string;
  required: boolean;
  helpText?: string | null;
  config?: Record<string, any> | null;
}

/** The settings each type accepts (the server refuses any other key as "not a recognised setting"). */
export const CONFIG_KEYS: Record<FieldTypeName, readonly string[]> = {
  TEXT: ['minLength', 'maxLength', 'pattern', 'patternMessage'],
  LONG_TEXT: ['minLength', 'maxLength'],
  NUMBER: ['min', 'max', 'integer'],
  DATE: ['min', 'max', 'notInFuture'],
  SELECT: ['options'],
  MULTI_SELECT: ['options', 'minItems', 'maxItems'],
  YES_NO: [],
  PHONE: [],
  RESIDENT_ID: [],
};

/** The server's limits, for the builder's hints (server/domain/forms/types/*.ts). */
export const LIMITS = {
  TEXT_MAX_LENGTH: 500,
  TEXT_DEFAULT_MAX_LENGTH: 200,
  LONG_TEXT_MAX_LENGTH: 10_000,
  LONG_TEXT_DEFAULT_MAX_LENGTH: 2000,
  MAX_OPTIONS: 200,
  MAX_FIELDS: 50,
  LABEL_MAX: 100,
  HELP_MAX: 500,
  PATTERN_MAX: 200,
} as const;

export const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;

export const isFieldType = (t: unknown): t is FieldTypeName => typeof t === 'string' && (FIELD_TYPES as readonly string[]).includes(t);

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The config to send for a field: only the keys its type takes (switching a field from SELECT to
 * TEXT must not send the old options), without blanks (an unset bound is absent, not null).
 */
export function cleanConfig(type: string, config: Record<string, any> | null | undefined): Record<string, unknown> {
  if (!isFieldType(type)) return {};
  const out: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS[type]) {
    const v = config?.[k];
    if (blank(v)) continue;
    if (k === 'options') {
      out.options = (Array.isArray(v) ? v : []).map((o: any) => ({
        value: typeof o?.value === 'string' ? o.value.trim() : (o?.value ?? ''),
        label: typeof o?.label === 'string' ? o.label.trim() : (o?.label ?? ''),
      }));
    } else if (k === 'integer' || k === 'notInFuture') {
      if (v === true) out[k] = true;
    } else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * The answers as `openCase.formData` wants them: keyed by field key, unanswered fields left out
 * (the server treats absent as "no answer"), text trimmed, numbers as JSON numbers, YES_NO as
 * booleans, MULTI_SELECT as lists. Keys the definition does not have are dropped (the server
 * refuses them), so answers left over from another item never travel.
 */
export function collectFormData(fields: readonly FormFieldDef[], values: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.key];
    if (isMissing(v)) continue;
    switch (f.type) {
      case 'NUMBER': {
        const n = typeof v === 'number' ? v : Number(String(v).trim());
        // Not a number: sent as typed, so the server's message ("must be a number") shows beside it.
        out[f.key] = Number.isFinite(n) ? n : v;
        break;
      }
      case 'YES_NO':
        out[f.key] = v === true || v === 'true' ? true : v === false || v === 'false' ? false : v;
        break;
      case 'MULTI_SELECT':
        out[f.key] = Array.isArray(v) ? v : [v];
        break;
      default:
        out[f.key] = typeof v === 'string' ? v.trim() : v;
    }
  }
  return out;
}

/** Mainland mobile, as the server normalises it (spaces, dashes, +86/0086/86 prefix). */
export function isMobile(input: string): boolean {
  let s = input.replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s);
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** 18 characters with a correct MOD 11-2 check digit: a hint only (the server also checks region and birth date). */
export function residentIdLooksValid(input: string): boolean {
  const s = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17];
}

/** A tenant's TEXT pattern, anchored as the server runs it; null when it does not compile here. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}
