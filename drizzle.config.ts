import { defineConfig } from 'drizzle-kit';

// Generation only: drizzle-kit diffs schema/db against the committed snapshots and writes SQL.
// The server applies the same folder at start on PGlite and on PostgreSQL (server/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/db/index.ts',
  out: './schema/migrations',
});
