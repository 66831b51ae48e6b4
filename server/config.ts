import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Every setting the server reads, parsed once from the environment into a frozen object.
 * The README's "Configuration" table lists the same names; keep the two together.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(4000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_MAX: int(1, 200).default(10),
  STATEMENT_TIMEOUT_MS: int(100, 600_000).default(15_000),
  IDLE_IN_TRANSACTION_TIMEOUT_MS: int(100, 600_000).default(30_000),
  SEED_DEMO: bool.optional(),
  ROOT_TENANT_NAME: z.string().min(1).default('重庆市司法局'),
  ROOT_TENANT_SLUG: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/).default('cq'),
  ROOT_ADMIN_USERNAME: z.string().min(3).default('admin'),
  ROOT_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: int(60, 86_400).default(3600),
  JWT_ISSUER: z.string().min(1).default('tianping'),
  JWT_AUDIENCE: z.string().min(1).default('tianping-api'),
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_WINDOW_SECONDS: int(1, 86_400).default(900),
  LOGIN_LOCK_SECONDS: int(1, 86_400).default(900),
  CORS_ORIGINS: z.string().default(''),
  GRAPHIQL: bool.optional(),
  INTROSPECTION: bool.optional(),
  MAX_DEPTH: int(2, 100).default(12),
  MAX_ALIASES: int(0, 1000).default(20),
  MAX_TOKENS: int(100, 100_000).default(3000),
  MAX_BODY_BYTES: int(1024, 50_000_000).default(102_400),
  MAX_PAGE_SIZE: int(1, 1000).default(100),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: int(-1, 65535).default(9464),
  TRUST_PROXY: bool.default(false),
  REVEALS_PER_HOUR: int(1, 10_000).default(30),
  INQUIRIES_PER_HOUR: int(1, 10_000).default(5),
  TRACKING_PER_HOUR: int(1, 100_000).default(60),
  JOBS_INTERVAL_SECONDS: int(0, 86_400).default(60),
  WS_MAX_MESSAGE_BYTES: int(1024, 10_000_000).default(65_536),
  WS_INIT_TIMEOUT_MS: int(100, 60_000).default(5_000),
  WS_MAX_OPERATIONS_PER_SOCKET: int(1, 1000).default(20),
  WS_MAX_SOCKETS_PER_USER: int(1, 100_000).default(10),
  WS_MAX_SOCKETS: int(1, 1_000_000).default(20_000),
  WS_RECHECK_SECONDS: int(1, 3600).default(30),
  LIVE_POLL_SECONDS: int(0, 3600).default(10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ADMIN_DIST_DIR: z.string().min(1).optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number };
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  seedDemo: boolean;
  root: { tenantName: string; tenantSlug: string; adminUsername: string; adminPassword: string | undefined };
  jwt: { secret: string | undefined; ttlSeconds: number; issuer: string; audience: string };
  login: { maxFailures: number; windowSeconds: number; lockSeconds: number };
  corsOrigins: readonly string[];
  graphiql: boolean;
  introspection: boolean;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxBodyBytes: number; maxPageSize: number };
  metrics: { host: string; port: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  rateLimits: { revealsPerHour: number; inquiriesPerHour: number; trackingPerHour: number };
  /** How often background jobs (closing quiet cases) run; 0 turns them off. */
  jobsIntervalSeconds: number;
  /**
   * graphql-ws on /graphql: the largest message, the wait for `connection_init`, operations at once
   * on one socket, sockets per user and in all, and how often open sockets' users are re-checked.
   */
  ws: { maxMessageBytes: number; initTimeoutMs: number; maxOperationsPerSocket: number; maxSocketsPerUser: number; maxSockets: number; recheckSeconds: number };
  /** How often live delivery looks for rows a lost NOTIFY did not announce (0: never). */
  live: { pollSeconds: number };
  /** The built admin app served at /admin (`npm run build:admin` writes it). */
  adminDistDir: string;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // Several instances must share one key; a generated one only makes sense for the embedded database.
  if (e.DATABASE_URL && !e.JWT_SECRET) {
    throw new ConfigError('invalid configuration:\n  JWT_SECRET: is required with DATABASE_URL (at least 32 characters)');
  }
  const dev = e.NODE_ENV !== 'production';
  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX }
    : { kind: 'pglite', dataDir: e.DATA_DIR };
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    database,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.IDLE_IN_TRANSACTION_TIMEOUT_MS,
    // The demo is for the embedded database; a real deployment asks for it explicitly.
    seedDemo: e.SEED_DEMO ?? database.kind === 'pglite',
    root: {
      tenantName: e.ROOT_TENANT_NAME,
      tenantSlug: e.ROOT_TENANT_SLUG,
      adminUsername: e.ROOT_ADMIN_USERNAME,
      adminPassword: e.ROOT_ADMIN_PASSWORD,
    },
    jwt: { secret: e.JWT_SECRET, ttlSeconds: e.JWT_TTL_SECONDS, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowSeconds: e.LOGIN_WINDOW_SECONDS, lockSeconds: e.LOGIN_LOCK_SECONDS },
    corsOrigins: Object.freeze(e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean)),
    graphiql: e.GRAPHIQL ?? dev,
    introspection: e.INTROSPECTION ?? dev,
    limits: Object.freeze({
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxTokens: e.MAX_TOKENS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxPageSize: e.MAX_PAGE_SIZE,
    }),
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimits: Object.freeze({
      revealsPerHour: e.REVEALS_PER_HOUR,
      inquiriesPerHour: e.INQUIRIES_PER_HOUR,
      trackingPerHour: e.TRACKING_PER_HOUR,
    }),
    jobsIntervalSeconds: e.JOBS_INTERVAL_SECONDS,
    ws: Object.freeze({
      maxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
      initTimeoutMs: e.WS_INIT_TIMEOUT_MS,
      maxOperationsPerSocket: e.WS_MAX_OPERATIONS_PER_SOCKET,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
      maxSockets: e.WS_MAX_SOCKETS,
      recheckSeconds: e.WS_RECHECK_SECONDS,
    }),
    live: Object.freeze({ pollSeconds: e.LIVE_POLL_SECONDS }),
    adminDistDir: e.ADMIN_DIST_DIR ?? fileURLToPath(new URL('../admin/dist', import.meta.url)),
  });
}
