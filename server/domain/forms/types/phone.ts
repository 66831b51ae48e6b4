import type { z } from 'zod';
import { maskMobile, normaliseMobile } from '../../identity/phone.js';
import { defineFieldType, fail, ok } from '../field-type.js';
import { settings } from '../settings.js';

export const phoneConfig = settings({});

export type PhoneConfig = z.output<typeof phoneConfig>;

/** A mainland mobile number, stored as its 11 digits; personal data, masked `138****8000` (Art. 26). */
export const phoneField = defineFieldType({
  type: 'PHONE',
  configSchema: phoneConfig,
  personal: true,
  mask: maskMobile,
  validate(value) {
    const mobile = typeof value === 'string' ? normaliseMobile(value.trim()) : null;
    return mobile ? ok(mobile) : fail('must be a mainland mobile number');
  },
});
