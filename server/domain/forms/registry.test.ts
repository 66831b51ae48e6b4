import { expect, test } from 'vitest';
import { FIELD_TYPE_NAMES, FIELD_TYPES, fieldType, isFieldTypeName } from './registry.js';

test('lists the nine types of DESIGN.md, each keyed by its own name', () => {
  expect(FIELD_TYPE_NAMES).toEqual([
    'TEXT',
    'LONG_TEXT',
    'NUMBER',
    'DATE',
    'SELECT',
    'MULTI_SELECT',
    'YES_NO',
    'PHONE',
    'RESIDENT_ID',
  ]);
  for (const name of FIELD_TYPE_NAMES) expect(FIELD_TYPES[name].type).toBe(name);
  expect(Object.isFrozen(FIELD_TYPES)).toBe(true);
});

test('only phone and resident ID numbers are personal data, and they can be masked', () => {
  const personal = FIELD_TYPE_NAMES.filter((n) => fieldType(n).personal);
  expect(personal).toEqual(['PHONE', 'RESIDENT_ID']);
  for (const name of personal) expect(typeof fieldType(name).mask).toBe('function');
});

test('isFieldTypeName knows own names only', () => {
  expect(isFieldTypeName('PHONE')).toBe(true);
  expect(isFieldTypeName('phone')).toBe(false);
  expect(isFieldTypeName('toString')).toBe(false);
  expect(isFieldTypeName(1)).toBe(false);
});
