import { z } from 'zod';
import { TENANT_KINDS } from '../../../schema/db/tenancy.js';
import { optionalText, requiredText } from '../validation.js';

export const slugSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lowercase letters, digits or hyphens'));

/** Kinds below the root: the municipal bureau is the one root and nothing else. */
export const childKindSchema = z
  .enum(TENANT_KINDS, { message: 'is not a tenant kind' })
  .refine((k) => k !== 'MUNICIPAL_BUREAU', 'only the root is a municipal bureau');

/** The disclosure profile (Art. 17): all optional, empty clears. */
export const profileShape = {
  nameEn: optionalText(200),
  divisionCode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'must be a 6-digit administrative division code')
    .transform((s) => (s === '' ? null : s))
    .nullish(),
  address: optionalText(300),
  phone: z
    .string()
    .trim()
    .regex(/^([+\d][\d\s()-]{2,29})?$/, 'must be a telephone number')
    .transform((s) => (s === '' ? null : s))
    .nullish(),
  officeHours: optionalText(300),
  statutoryDuties: optionalText(5000),
  introduction: optionalText(5000),
};

export const tenantNameSchema = requiredText(200);

/** Drops keys whose value is undefined, so an update touches only what was given. */
export function definedOnly<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
