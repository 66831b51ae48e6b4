// Read config, open the database, migrate, make sure there is a root, start. Nothing else.
import { seedDemo } from '../seeds/demo.js';
import { ensureHolidayYears } from '../seeds/holidays.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { describeError } from './graphql/errors.js';
import { startJobs } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { bootstrapRoot, isEmpty } from './usecases/platform/bootstrap-root.js';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const loaded = await ensureHolidayYears(database.db);
    if (loaded.length) logger.info('loaded holiday arrangements', { years: loaded });
    if (await isEmpty(database.db)) {
      if (config.seedDemo) {
        const seeded = await seedDemo(database, config);
        logger.info('seeded the Chongqing demo', seeded);
      } else {
        const password = config.root.adminPassword;
        if (!password) throw new ConfigError('empty database: set ROOT_ADMIN_PASSWORD for the first admin (or SEED_DEMO=1)');
        await bootstrapRoot(database.db, {
          tenant: { slug: config.root.tenantSlug, name: config.root.tenantName },
          admin: { username: config.root.adminUsername, displayName: config.root.adminUsername, password },
        });
        logger.info('created the root tenant and its first admin', { username: config.root.adminUsername });
      }
    }
    const app = buildApp(config, database, { logger });
    const { url, metricsUrl } = await app.start();
    const jobs = startJobs(database, config, logger);
    const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
    process.stdout.write(
      [
        '',
        `  Tianping 天平 is running (${where})`,
        `  Admin:    ${url}/admin   (the admin app)`,
        `  Public:   ${url}/public   (disclosure pages, Art. 17)`,
        `  GraphQL:  ${url}/graphql${config.graphiql ? '   (GraphiQL in a browser)' : ''}`,
        `  Live:     ${url.replace(/^http/, 'ws')}/graphql   (subscriptions, graphql-transport-ws)`,
        `  Health:   ${url}/healthz`,
        metricsUrl ? `  Metrics:  ${metricsUrl}` : '',
        config.seedDemo ? '  Demo sign-in: city.admin / tianping-demo (see README for all accounts)' : '',
        '',
      ]
        .filter((l) => l !== '')
        .join('\n') + '\n\n',
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      await jobs.stop();
      await app.stop();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

// A throw nobody can catch leaves the process in an unknown state: log what is safe, exit, and let
// the supervisor restart it. Transactions are atomic, so no acknowledged write is lost.
process.on('uncaughtException', (err) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'uncaught exception', ...describeError(err) })}\n`);
  process.exit(1);
});

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`failed to start: ${describeStartupError(err)}\n`);
  process.exit(1);
});

/** Database errors carry SQL parameters (possibly personal data): print the cause, not the query. */
function describeStartupError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e?.cause?.message) return `${e.name}: ${e.cause.message}${e.cause.code ? ` (SQLSTATE ${e.cause.code})` : ''}`;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
}
