import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, table, timestamps, version } from './columns.js';
import { tenants, users } from './tenancy.js';

/** The shape of one year's published arrangement (State Council notice), as stored. */
export interface HolidayArrangementData {
  off: { name: string; from: string; to: string }[];
  makeupWorkdays: string[];
}

/**
 * Holiday arrangements per year (Art. 15): reference data for the whole platform, maintained by
 * root admins. A year without a row is "not loaded": deadline arithmetic refuses it.
 */
export const holidayYears = table(
  'holiday_years',
  {
    year: integer().primaryKey(),
    arrangement: jsonb().$type<HolidayArrangementData>().notNull(),
    source: text(),
    version: version(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [check('holiday_years_year_range', sql`${t.year} between 2000 and 2100`)],
);

/** A tenant's local closures (e.g. office moves): days off for that tenant only. */
export const tenantClosures = table(
  'tenant_closures',
  {
    id: id(),
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenant_closures_tenant_day_key').on(t.tenantId, t.day), index('tenant_closures_day_idx').on(t.day)],
);
