/**
 * A tenant's case-handling settings, with the defaults a tenant gets until its admins change them:
 * - the time limits of a case opened without a service item (a consultation answered on the spot
 *   or a matter not in the catalogue still runs both clocks, Art. 15);
 * - the quiet period after which a resolved case nobody rated closes (Art. 22);
 * - the working days a tenant has to answer the follow-up of a negative rating (Art. 12, 16);
 * - the working days a receiving tenant has to decide on a transfer (Art. 10, 13), and the default
 *   respond-by of the supervision orders it issues (Art. 12, 15);
 * - its own response times (Art. 21), stricter than the municipal defaults, or null to follow
 *   them (server/domain/contacts/policy.ts; the use case checks "never looser").
 */
import { z } from 'zod';
import { TIME_LIMIT_UNITS, type TimeLimit } from '../calendar/deadlines.js';
import { badInput, type FieldErrors } from '../shared/errors.js';
import type { CaseKind } from './vocabulary.js';
import { AckMinutesSchema, DEFAULT_ACK_MINUTES, type Severity } from '../incidents/incident.js';
import { NO_RESPONSE_TIME_SETTING, type ResponseTimeSetting } from '../contacts/policy.js';

export interface ClockLimits {
  statutory: TimeLimit;
  committed: TimeLimit;
}

export interface CaseSettings {
  defaultLimits: Record<CaseKind, ClockLimits>;
  quietPeriod: TimeLimit;
  followUpWorkingDays: number;
  transferDecisionWorkingDays: number;
  supervisionRespondWorkingDays: number;
  /** Minutes this tenant has to acknowledge an incident reported below it, by severity (Art. 19). */
  incidentAckMinutes: Record<Severity, number>;
  /** Stricter response times than the municipal defaults (Art. 21); null: the default applies. */
  responseTimes: ResponseTimeSetting;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  defaultLimits: {
    CONSULTATION: { statutory: { unit: 'WORKING_DAYS', amount: 5 }, committed: { unit: 'WORKING_DAYS', amount: 3 } },
    MATTER: { statutory: { unit: 'WORKING_DAYS', amount: 15 }, committed: { unit: 'WORKING_DAYS', amount: 10 } },
  },
  quietPeriod: { unit: 'WORKING_DAYS', amount: 5 },
  followUpWorkingDays: 3,
  transferDecisionWorkingDays: 2,
  supervisionRespondWorkingDays: 3,
  incidentAckMinutes: DEFAULT_ACK_MINUTES,
  responseTimes: NO_RESPONSE_TIME_SETTING,
};

const limit = z.object({
  unit: z.enum(TIME_LIMIT_UNITS, { message: 'must be WORKING_DAYS, CALENDAR_DAYS or HOURS' }),
  amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365'),
});
const clockLimits = z.object({ statutory: limit, committed: limit }).superRefine((l, c) => {
  if (l.committed.unit !== l.statutory.unit) {
    c.addIssue({ code: 'custom', path: ['committed', 'unit'], message: 'must use the same unit as the statutory limit' });
  } else if (l.committed.amount > l.statutory.amount) {
    c.addIssue({ code: 'custom', path: ['committed', 'amount'], message: 'a commitment is never longer than the statutory limit (Art. 16)' });
  }
});

const responseTime = (max: number, unit: string) =>
  z
    .number()
    .positive('must be positive')
    .max(max, `must be at most ${max} ${unit}`)
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'must have at most two decimals')
    .nullish()
    .transform((n) => n ?? null);
const ResponseTimesSchema = z.object({
  hotlineSeconds: responseTime(600, 's'),
  chatSeconds: responseTime(600, 's'),
  messageMinutes: responseTime(7 * 24 * 60, 'min'),
});

export const CaseSettingsSchema = z.object({
  defaultLimits: z.object({ CONSULTATION: clockLimits, MATTER: clockLimits }),
  quietPeriod: limit,
  followUpWorkingDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30'),
  transferDecisionWorkingDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30').default(2),
  supervisionRespondWorkingDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30').default(3),
  incidentAckMinutes: AckMinutesSchema.default(DEFAULT_ACK_MINUTES),
  responseTimes: ResponseTimesSchema.nullish().transform((r) => r ?? NO_RESPONSE_TIME_SETTING),
});

/** Checks settings; BAD_USER_INPUT naming every bad field (`defaultLimits.MATTER.committed.amount` ...). */
export function parseCaseSettings(input: unknown): CaseSettings {
  const result = CaseSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || 'settings'] ??= issue.message;
  throw badInput(fields);
}

/** Stored settings over the defaults (a row written before a setting existed keeps working). */
export function withDefaults(stored: unknown): CaseSettings {
  const s = (stored ?? {}) as Partial<CaseSettings>;
  const merged = {
    defaultLimits: { ...DEFAULT_CASE_SETTINGS.defaultLimits, ...(s.defaultLimits ?? {}) },
    quietPeriod: s.quietPeriod ?? DEFAULT_CASE_SETTINGS.quietPeriod,
    followUpWorkingDays: s.followUpWorkingDays ?? DEFAULT_CASE_SETTINGS.followUpWorkingDays,
    transferDecisionWorkingDays: s.transferDecisionWorkingDays ?? DEFAULT_CASE_SETTINGS.transferDecisionWorkingDays,
    supervisionRespondWorkingDays: s.supervisionRespondWorkingDays ?? DEFAULT_CASE_SETTINGS.supervisionRespondWorkingDays,
    incidentAckMinutes: s.incidentAckMinutes ?? DEFAULT_CASE_SETTINGS.incidentAckMinutes,
    responseTimes: s.responseTimes ?? DEFAULT_CASE_SETTINGS.responseTimes,
  };
  const parsed = CaseSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_CASE_SETTINGS;
}
