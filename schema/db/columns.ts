import { sql } from 'drizzle-orm';
import { integer, snakeCase, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Tables with snake_case SQL names for camelCase TypeScript keys. */
export const table = snakeCase.table;

/** Primary key: a UUID the database generates, so rows are created the same way on PGlite and PostgreSQL. */
export const id = () => uuid().primaryKey().default(sql`gen_random_uuid()`);

/** Times are stored as UTC timestamptz (DESIGN.md "Calendar"). */
export const at = () => timestamp({ withTimezone: true, mode: 'date' });

/** created_at / updated_at pair. */
export const timestamps = () => ({
  createdAt: at().notNull().defaultNow(),
  updatedAt: at().notNull().defaultNow(),
});

/** Optimistic concurrency: every updatable row carries a version that each update bumps. */
export const version = () => integer().notNull().default(1);
