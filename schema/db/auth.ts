import { integer, text } from 'drizzle-orm/pg-core';
import { at, table } from './columns.js';

/**
 * Failed sign-in attempts per normalised username, whether or not such a user exists,
 * so that throttling never reveals which usernames are real. Not tenant data: only the
 * owner role (sign-in runs before a viewer is known) reads or writes it.
 */
export const loginThrottle = table('login_throttle', {
  usernameKey: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: at().notNull().defaultNow(),
  lockedUntil: at(),
});
