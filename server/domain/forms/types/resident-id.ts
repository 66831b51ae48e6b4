import type { z } from 'zod';
import { maskResidentId, normaliseResidentId } from '../../identity/resident-id.js';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings } from '../settings.js';

export const residentIdConfig = settings({});

export type ResidentIdConfig = z.output<typeof residentIdConfig>;

/**
 * A resident ID number, checked (MOD 11-2, region, birth date) and stored upper-case; personal
 * data, masked `500101********1234` (Art. 26). The message gives the reason, never the number.
 */
export const residentIdField = defineFieldType({
  type: 'RESIDENT_ID',
  configSchema: residentIdConfig,
  personal: true,
  mask: maskResidentId,
  validate(value, _config, ctx) {
    if (typeof value !== 'string') return fail('must be a resident ID number');
    const result = normaliseResidentId(value, ctx.today);
    return result.ok ? ok(result.value) : fail(`must be a valid resident ID number: it ${result.reason}`);
  },
});
