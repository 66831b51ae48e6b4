import { validateFormDefinition } from './definition.js';
import type { FieldResult } from './field-type.js';
import { fieldType, type FieldTypeName } from './registry.js';

/** Helpers for the field-type tests: configs go through the real definition check. */

export const TODAY = '2026-03-15';

/** The errors a one-field form with this config gets, keyed relative to the config (`''` = itself). */
export function configErrors(type: FieldTypeName, config: unknown): Record<string, string> {
  const result = validateFormDefinition({ fields: [{ key: 'f', label: 'F', type, config }] });
  if (result.ok) return {};
  return Object.fromEntries(
    Object.entries(result.errors).map(([k, v]) => [k.replace(/^fields\.0\.config\.?/, ''), v]),
  );
}

/** The parsed config; throws when the config is refused. */
export function parsedConfig(type: FieldTypeName, config: unknown): unknown {
  const result = validateFormDefinition({ fields: [{ key: 'f', label: 'F', type, config }] });
  if (!result.ok) throw new Error(`config refused: ${JSON.stringify(result.errors)}`);
  return result.value.fields[0]!.config;
}

/** Validates one value against a type with the given (unparsed) config. */
export function check(type: FieldTypeName, config: unknown, value: unknown, today = TODAY): FieldResult<unknown> {
  return fieldType(type).validate(value, parsedConfig(type, config), { today });
}
