import type { z } from 'zod';
import type { FieldContext, FieldResult } from './field-type.js';
import { dateField } from './types/date.js';
import { longTextField } from './types/long-text.js';
import { multiSelectField } from './types/multi-select.js';
import { numberField } from './types/number.js';
import { phoneField } from './types/phone.js';
import { residentIdField } from './types/resident-id.js';
import { selectField } from './types/select.js';
import { textField } from './types/text.js';
import { yesNoField } from './types/yes-no.js';

/** Keys must equal each definition's `type`, checked by the compiler. */
const registry = <R extends { readonly [K in keyof R]: { readonly type: K } }>(types: R) => Object.freeze(types);

/**
 * Every intake-form field type (DESIGN.md "Low-code service catalogue"), one table the server and
 * the admin both read (STYLE.md habit 4). Adding a type = one module in types/ plus a row here.
 */
export const FIELD_TYPES = registry({
  TEXT: textField,
  LONG_TEXT: longTextField,
  NUMBER: numberField,
  DATE: dateField,
  SELECT: selectField,
  MULTI_SELECT: multiSelectField,
  YES_NO: yesNoField,
  PHONE: phoneField,
  RESIDENT_ID: residentIdField,
});

export type FieldTypeName = keyof typeof FIELD_TYPES;
export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

/** A type's parsed (stored) config. */
export type FieldConfig<T extends FieldTypeName> = z.output<(typeof FIELD_TYPES)[T]['configSchema']>;

export const isFieldTypeName = (name: unknown): name is FieldTypeName =>
  typeof name === 'string' && Object.hasOwn(FIELD_TYPES, name);

/** A field type seen without its config's static type, for code that loops over a form's fields. */
export interface AnyFieldType {
  readonly type: FieldTypeName;
  readonly configSchema: z.ZodType;
  readonly personal: boolean;
  readonly mask?: (value: string) => string;
  /** `config` must be the output of this type's configSchema. */
  readonly validate: (value: unknown, config: unknown, ctx: FieldContext) => FieldResult<unknown>;
}

export const fieldType = (name: FieldTypeName): AnyFieldType => FIELD_TYPES[name] as AnyFieldType;
