import { createHash } from 'node:crypto';
import { ledgerExport } from './pages/ledger-export.js';
import { reportRoutes } from './pages/reports.js';
import { selfServicePages } from './pages/self-service.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import path from 'node:path';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Config, ConfigError } from './config.js';
import type { Database } from './db/client.js';
import { DomainError } from './domain/shared/errors.js';
import { type RequestContext, type RequestRecord, newRecord, type Services } from './graphql/context.js';
import { createMaskError, domainToGraphQL } from './graphql/errors.js';
import { LiveHub } from './graphql/live/hub.js';
import { liveFeeds } from './graphql/live/topics.js';
import { useApiKeyScope, useNoSuggestions, useNoSubscriptionsOverHttp, useRequestRecord, useTenantTransaction } from './graphql/plugins.js';
import { attachWebSocket } from './graphql/ws.js';
import { createNotifier } from './db/notifier.js';
import { schema } from './graphql/schema.js';
import { createLogger, type Logger } from './logger.js';
import { publicPages } from './pages/routes.js';
import { createMetrics, type Metrics } from './metrics.js';
import { loadViewer } from './usecases/auth/load-viewer.js';
import { bearerToken, TokenService } from './usecases/auth/tokens.js';
import { authenticateApiKey, type ApiKeyPrincipal } from './usecases/contacts/api-keys.js';

/** The header a browser client sends so that GET and form posts cannot be forged cross-site. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export interface App {
  services: Services;
  yoga: YogaServerInstance<{ record: RequestRecord; clientKey: string }, RequestContext>;
  metrics: Metrics;
  logger: Logger;
  /** Live delivery of alerts and notices to WebSocket subscribers. */
  hub: LiveHub;
  /** Handles one request in-process, exactly as the HTTP server would (tests use this). */
  fetch(request: Request): Promise<Response>;
  start(port?: number, host?: string): Promise<{ url: string; metricsUrl: string | null }>;
  stop(): Promise<void>;
}

export function buildApp(config: Config, database: Database, options: { logger?: Logger } = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const tokens = new TokenService(resolveJwtSecret(config), config.jwt);
  const services: Services = { config, database, tokens };
  const metrics = createMetrics(database);
  const maskError = createMaskError(logger, { suggestions: config.introspection });
  const hub = new LiveHub(liveFeeds, {
    schema,
    services,
    notifier: createNotifier(database),
    logger,
    maskError,
    onDelivered: (feed, n) => metrics.liveMessages.inc({ feed }, n),
  });

  const plugins: Plugin<RequestContext>[] = [
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }) as Plugin<RequestContext>,
    maxDepthPlugin({ n: config.limits.maxDepth, exposeLimits: true, flattenFragments: true }) as Plugin<RequestContext>,
    maxAliasesPlugin({ n: config.limits.maxAliases, exposeLimits: true }) as Plugin<RequestContext>,
    maxTokensPlugin({ n: config.limits.maxTokens, exposeLimits: true }) as Plugin<RequestContext>,
    useRequestRecord() as Plugin<RequestContext>,
    useApiKeyScope(),
    useTenantTransaction(services, logger),
    useNoSubscriptionsOverHttp(),
  ];
  if (!config.introspection) {
    plugins.push(
      { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) },
      useNoSuggestions(),
    );
  }

  const yoga = createYoga<{ record: RequestRecord; clientKey: string }, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.graphiql ? { title: 'Tianping 天平 GraphQL', headers: JSON.stringify({ [CSRF_HEADER]: '1' }) } : false,
    batching: false,
    multipart: false,
    healthCheckEndpoint: null as unknown as string,
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !config.corsOrigins.includes(origin)) return false;
      return {
        origin,
        credentials: false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', 'authorization', CSRF_HEADER],
        maxAge: 600,
      };
    },
    maskedErrors: { maskError },
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => logger.warn('yoga', { detail: String(args[0]).slice(0, 200) }),
      error: () => {}, // unexpected errors are logged, safely, by maskError
    },
    plugins,
    context: async ({ request, record, clientKey }): Promise<RequestContext> => {
      const now = new Date();
      const authorization = request.headers.get('authorization');
      const token = bearerToken(authorization);
      let viewer = null;
      let apiKey: ApiKeyPrincipal | null = null;
      try {
        if (token) viewer = await loadViewer(database.db, tokens, token);
        // An integration system's `Authorization: ApiKey tpk_…` (it may only record contacts).
        else apiKey = await authenticateApiKey(database.db, authorization, now);
      } catch (err) {
        if (err instanceof DomainError) {
          record.codes.add(err.code);
          throw domainToGraphQL(err);
        }
        throw err;
      }
      if (viewer) {
        record.userId = viewer.userId;
        record.tenantId = viewer.tenantId;
      }
      if (apiKey) record.tenantId = apiKey.tenantId;
      // tx and loaders are set by useTenantTransaction when execution starts.
      return { services, config, viewer, apiKey, now, record, clientKey } as RequestContext;
    },
  });

  let server: Server | null = null;
  let metricsServer: Server | null = null;
  let websockets: ReturnType<typeof attachWebSocket> | null = null;
  const sockets = new Set<import('node:net').Socket>();

  async function fetchApp(request: Request, peerAddress?: string): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return health(database);
    if (url.pathname === '/ledger/export.csv' && request.method === 'GET') return ledgerExport(request, config, database, tokens);
    if (url.pathname.startsWith('/reports/')) return reportRoutes(request, config, database, tokens);
    if (url.pathname === '/graphql') return graphql(request, false, peerAddress);
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) return adminApp(request, url.pathname);
    if (url.pathname === '/public' || url.pathname.startsWith('/public/')) {
      const selfService = await selfServicePages(request, database, config, clientKeyOf(request, peerAddress, config.trustProxy));
      return selfService ?? publicPages(request, database, config);
    }
    // The front door is the admin app (it says how to build it if the build is missing).
    if (url.pathname === '/') return new Response(null, { status: 302, headers: { location: '/admin/' } });
    return json({ error: 'not found' }, 404);
  }

  const adminFiles = new Map<string, { mtimeMs: number; body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> | null }>();

  /**
   * The built admin app (admin/dist): files as they are, `index.html` for every client route.
   * Hashed assets never change (a year's cache); index.html is asked for again every time.
   */
  async function adminApp(request: Request, pathname: string): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return json({ error: 'method not allowed' }, 405);
    const root = path.resolve(config.adminDistDir);
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice('/admin'.length)).replace(/^\/+/, '');
    } catch {
      return json({ error: 'not found' }, 404);
    }
    const file = path.resolve(root, rel || 'index.html');
    if (rel.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) return json({ error: 'not found' }, 404);
    // A client route may look like anything but a file of a type the build writes.
    const asset = rel !== '' && Object.hasOwn(ADMIN_TYPES, path.extname(rel));
    const target = asset ? file : path.join(root, 'index.html');
    let info;
    try {
      info = await stat(target);
      if (!info.isFile()) throw new Error('not a file');
    } catch {
      if (!existsSync(path.join(root, 'index.html'))) {
        return json({ error: 'the admin app is not built', hint: 'run `npm run build:admin` (`npm start` builds it when missing)', dir: root }, 404);
      }
      return json({ error: 'not found' }, 404);
    }
    let cached = adminFiles.get(target);
    if (!cached || cached.mtimeMs !== info.mtimeMs) {
      const body = new Uint8Array(await readFile(target));
      const type = ADMIN_TYPES[path.extname(target)] ?? 'application/octet-stream';
      const gzip = body.length > 1024 && /text|javascript|json|svg/.test(type) ? new Uint8Array(await gzipAsync(body)) : null;
      cached = { mtimeMs: info.mtimeMs, body, gzip };
      adminFiles.set(target, cached);
    }
    const etag = `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;
    const gzip = cached.gzip && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ? cached.gzip : null;
    const headers: Record<string, string> = {
      'content-type': ADMIN_TYPES[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': asset && rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': ADMIN_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
      vary: 'accept-encoding',
      etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    if (gzip) headers['content-encoding'] = 'gzip';
    const body = gzip ?? cached.body;
    headers['content-length'] = String(body.length);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  }

  function tooLarge(record: RequestRecord): Response {
    record.codes.add('PAYLOAD_TOO_LARGE');
    const message = `request body exceeds ${config.limits.maxBodyBytes} bytes`;
    return json({ errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, 413);
  }

  /** Every GraphQL request, whatever its fate, gets one log line and its metrics. */
  async function graphql(request: Request, refusedTooLarge = false, peerAddress?: string): Promise<Response> {
    const started = performance.now();
    const record = newRecord();
    const length = Number(request.headers.get('content-length') ?? 0);
    const response =
      refusedTooLarge || length > config.limits.maxBodyBytes ? tooLarge(record) : await yoga.fetch(request, { record, clientKey: clientKeyOf(request, peerAddress, config.trustProxy) });
    const seconds = (performance.now() - started) / 1000;
    const outcome = record.codes.size === 0 && response.status < 400 ? 'ok' : 'error';
    const type = record.operationType ?? 'unknown';
    metrics.requests.inc({ operation_type: type, outcome });
    metrics.duration.observe({ operation_type: type }, seconds);
    for (const code of record.codes) metrics.errors.inc({ code });
    logger.info('graphql', {
      operation: record.operation,
      type: record.operationType,
      status: response.status,
      outcome,
      codes: record.codes.size ? [...record.codes] : undefined,
      durationMs: Math.round(seconds * 10_000) / 10,
      tenantId: record.tenantId,
      userId: record.userId,
    });
    return response;
  }

  async function handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req, config.limits.maxBodyBytes);
      const host = req.headers.host ?? `${config.host}:${config.port}`;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) for (const item of v) headers.append(k, item);
        else if (v !== undefined) headers.set(k, v);
      }
      const request = new Request(`http://${host}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: body instanceof Buffer && body.length ? new Uint8Array(body) : undefined,
      });
      let response: Response;
      if (body === 'too-large') {
        req.resume(); // drain what is left; nothing of it is read
        response = new URL(request.url).pathname === '/graphql' ? await graphql(request, true) : json({ error: 'request body too large' }, 413);
      } else {
        response = await fetchApp(request, req.socket.remoteAddress);
      }
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        out[key] = key === 'set-cookie' ? [...((out[key] as string[]) ?? []), value] : value;
      });
      res.writeHead(response.status, out);
      if (response.body && req.method !== 'HEAD') await pipeBody(response.body, res);
      else res.end();
    } catch (err) {
      logger.error('http handler failed', { errorClass: (err as Error)?.name });
      // A streamed download that fails midway must look broken, not complete: cut the connection.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal error' }));
    }
  }

  return {
    services,
    yoga,
    metrics,
    logger,
    hub,
    fetch: fetchApp,
    async start(port = config.port, host = config.host) {
      server = createServer((req, res) => void handleNode(req, res));
      server.on('connection', (socket) => {
        sockets.add(socket);
        metrics.openSockets.set({ kind: 'http' }, sockets.size);
        socket.on('close', () => {
          sockets.delete(socket);
          metrics.openSockets.set({ kind: 'http' }, sockets.size);
        });
      });
      websockets = attachWebSocket(server, {
        yoga,
        services,
        hub,
        logger,
        metrics,
        maskError,
        clientKeyOf: (req) => clientKeyOf(new Request('http://ws/', { headers: forwardedOf(req) }), req.socket.remoteAddress, config.trustProxy),
      });
      await hub.ready();
      server.headersTimeout = 15_000;
      server.requestTimeout = 30_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      let metricsUrl: string | null = null;
      if (config.metrics.port >= 0) {
        metricsServer = createServer(async (req, res) => {
          if (req.url !== '/metrics') {
            res.writeHead(404).end();
            return;
          }
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          res.end(await metrics.registry.metrics());
        });
        await new Promise<void>((resolve, reject) => {
          metricsServer!.once('error', reject);
          metricsServer!.listen(config.metrics.port, config.metrics.host, () => resolve());
        });
        const m = metricsServer.address() as AddressInfo;
        metricsUrl = `http://${config.metrics.host}:${m.port}/metrics`;
      }
      return { url: `http://${shownHost}:${address.port}`, metricsUrl };
    },
    async stop() {
      await websockets?.close();
      websockets = null;
      await hub.stop();
      const closing = [server, metricsServer].filter((s): s is Server => !!s);
      for (const socket of sockets) socket.destroy();
      await Promise.all(closing.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      server = null;
      metricsServer = null;
    },
  };
}

async function health(database: Database): Promise<Response> {
  try {
    await database.ping();
    return json({ status: 'ok', database: 'up' }, 200);
  } catch {
    return json({ status: 'unavailable', database: 'down' }, 503);
  }
}

function forwardedOf(req: IncomingMessage): Record<string, string> {
  const value = req.headers['x-forwarded-for'];
  return typeof value === 'string' ? { 'x-forwarded-for': value } : {};
}

const gzipAsync = promisify(gzipCallback);

const ADMIN_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Scripts only from here; MUI (emotion) writes <style> elements at run time, hence inline styles.
 * The app talks to /graphql over fetch and WebSocket on this origin only.
 */
const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** Reads the body, stopping as soon as it passes `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large' | null> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(null);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * The signing key: JWT_SECRET when set. On the embedded database with none set, a random key is
 * made once and kept in the data directory, so tokens survive restarts on a developer's machine.
 * A PostgreSQL deployment must set it (several instances must share one key).
 */
export function resolveJwtSecret(config: Config): string {
  if (config.jwt.secret) return config.jwt.secret;
  if (config.database.kind !== 'pglite') throw new ConfigError('JWT_SECRET is required with DATABASE_URL (at least 32 characters)');
  const dir = path.resolve(config.database.dataDir);
  const file = path.join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}


/**
 * A stable, non-reversible key for the client (rate limits on anonymous requests): a hash of its
 * address, never the address itself (Art. 26). Behind a trusted proxy, the first X-Forwarded-For hop.
 */
function clientKeyOf(request: Request, peerAddress: string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const address = forwarded || peerAddress || 'unknown';
  return createHash('sha256').update(`tianping-client:${address}`).digest('hex').slice(0, 32);
}

/**
 * Writes a response body chunk by chunk, waiting when the socket's buffer is full, so a streamed
 * export never piles up in memory; a client that goes away cancels the stream (and its reads).
 */
async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  try {
    for (;;) {
      if (closed) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}
