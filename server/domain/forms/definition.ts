import { z } from 'zod';
import { FIELD_TYPE_NAMES, fieldType, isFieldTypeName, type FieldConfig, type FieldTypeName } from './registry.js';

/**
 * A service item's intake form (DESIGN.md "Low-code service catalogue"): data the tenant edits,
 * validated here on every save, so a stored definition always parses.
 */

export const MAX_FIELDS = 50;
export const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;

interface FormFieldBase {
  key: string;
  label: string;
  required: boolean;
  helpText?: string;
}

/** One field; `config` is typed by `type`. */
export type FormField = { [T in FieldTypeName]: FormFieldBase & { type: T; config: FieldConfig<T> } }[FieldTypeName];

export interface FormDefinition {
  fields: FormField[];
}

/** Problems keyed by path: `fields`, `fields.2.key`, `fields.2.config.options` … */
export type DefinitionResult = { ok: true; value: FormDefinition } | { ok: false; errors: Record<string, string> };

const definitionShape = z.strictObject(
  {
    fields: z
      .array(z.unknown(), { error: 'must be a list of fields' })
      .max(MAX_FIELDS, `must have at most ${MAX_FIELDS} fields`),
  },
  { error: 'must be an object with a list of fields' },
);

const fieldShape = z.strictObject(
  {
    key: z
      .string({ error: 'must be text' })
      .regex(FIELD_KEY, 'must be 1-40 letters, digits or underscores, starting with a lowercase letter'),
    label: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters'),
    type: z.string({ error: 'must be text' }).refine(isFieldTypeName, {
      message: `must be one of ${FIELD_TYPE_NAMES.join(', ')}`,
    }),
    required: z.boolean({ error: 'must be true or false' }).default(false),
    helpText: z
      .string({ error: 'must be text' })
      .trim()
      .max(500, 'must be at most 500 characters')
      .nullish()
      .transform((s) => s || undefined),
    /** Checked against the type's own schema below; omitted means no settings. */
    config: z.unknown().optional(),
  },
  { error: 'must be an object' },
);

/** Zod issues as `path: message`, first message per path; unknown keys name themselves. */
function collect(error: z.ZodError, prefix: string[], into: Map<string, string>) {
  const put = (path: PropertyKey[], message: string) => {
    const key = [...prefix, ...path.map(String)].join('.') || 'input';
    if (!into.has(key)) into.set(key, message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) put([...issue.path, k], 'is not a recognised setting');
    } else put(issue.path, issue.message);
  }
}

/** Checks a definition as the admin sends it; on success returns it with configs parsed (defaults filled in). */
export function validateFormDefinition(def: unknown): DefinitionResult {
  const errors = new Map<string, string>();
  const shape = definitionShape.safeParse(def);
  if (!shape.success) {
    collect(shape.error, [], errors);
    return { ok: false, errors: Object.fromEntries(errors) };
  }

  const fields: FormField[] = [];
  const keys = new Set<string>();
  shape.data.fields.forEach((raw, i) => {
    const at = ['fields', String(i)];
    const base = fieldShape.safeParse(raw);
    if (!base.success) {
      collect(base.error, at, errors);
      return;
    }
    const { key, label, type, required, helpText, config: rawConfig } = base.data;
    if (keys.has(key)) errors.set(`fields.${i}.key`, `must be unique ("${key}" is used by another field)`);
    keys.add(key);

    const t = fieldType(type as FieldTypeName);
    const config = t.configSchema.safeParse(rawConfig ?? {});
    if (!config.success) {
      collect(config.error, [...at, 'config'], errors);
      return;
    }
    const field = { key, label, type, required, config: config.data } as FormField;
    if (helpText !== undefined) field.helpText = helpText;
    fields.push(field);
  });

  return errors.size ? { ok: false, errors: Object.fromEntries(errors) } : { ok: true, value: { fields } };
}
