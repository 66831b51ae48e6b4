import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { buildCalendar, type HolidayArrangement, type WorkCalendar } from '../calendar/calendar.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { openClocks } from './clocks.js';
import { EVENT_PAYLOADS, type CaseEvent, type CaseEventPayloadInput } from './events.js';
import type { CaseEventType } from './states.js';

/** Helpers for the case-rule tests. */

// The State Council's published arrangements (2025, 2026): cases -> domain -> server -> the root.
const TABLE_URL = new URL('../../../seeds/data/cn-public-holidays.json', import.meta.url);
const table = JSON.parse(readFileSync(TABLE_URL, 'utf8')) as { years: Record<string, Omit<HolidayArrangement, 'year'>> };

export const cal: WorkCalendar = buildCalendar({
  arrangements: Object.entries(table.years).map(([year, a]) => ({ year: Number(year), ...a })),
});

/** An instant; a bare 'YYYY-MM-DD' is the end of that day in Shanghai (a day-based deadline). */
export const at = (s: string): Date => new Date(s.length === 10 ? `${s}T23:59:59.999+08:00` : s);

/** The error `fn` throws, asserted to be a DomainError with `code`. */
export function refusal(fn: () => unknown, code: ErrorCode): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a refusal').toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect(err.code, err.message).toBe(code);
  return err;
}

/** The per-field messages of a BAD_USER_INPUT refusal. */
export const fieldsOf = (fn: () => unknown): Record<string, string> => refusal(fn, 'BAD_USER_INPUT').fields ?? {};

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const TENANTS = { yubei: uuid(1), yubeiLegalAid: uuid(2), hotline: uuid(3), city: uuid(4) } as const;
export const USERS = { clerk: uuid(101), lawyer: uuid(102), supervisor: uuid(103), other: uuid(104) } as const;

export const CHECKLIST = ['id_card', 'contract', 'pay_slips', 'medical_report'] as const;

/** A typed event from a payload in its input form, through the payload schema (defaults applied). */
export function event<K extends CaseEventType>(type: K, when: Date | string, payload: CaseEventPayloadInput<K>): CaseEvent {
  const parsed = EVENT_PAYLOADS[type].parse(payload);
  return { type, at: typeof when === 'string' ? at(when) : when, payload: parsed } as CaseEvent;
}

/** OPENED for a 15-working-day matter (committed 10) received at `received`. */
export function openedEvent(received: Date, kind: 'CONSULTATION' | 'MATTER' = 'MATTER'): CaseEvent {
  const clocks = openClocks(cal, received, { unit: 'WORKING_DAYS', amount: 15 }, { unit: 'WORKING_DAYS', amount: 10 });
  return event('OPENED', received, {
    number: 'YUBEI-2026-000123',
    originTenantId: TENANTS.yubei,
    channel: 'ONSITE',
    kind,
    subject: '劳动报酬纠纷',
    requester: { name: '张三', phone: '13800138000', residentId: '11010519491231002X' },
    firstResponder: { userId: USERS.clerk, tenantId: TENANTS.yubei },
    priority: { urgency: 'NORMAL', protectedGroups: ['MIGRANT_WAGE'] },
    clocks,
  });
}
