import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import { DomainError } from '../domain/shared/errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { type AuthenticatedViewer, checkClaims, stillValid } from '../usecases/auth/load-viewer.js';
import { bearerToken, type TokenClaims } from '../usecases/auth/tokens.js';
import { newRecord, type RequestContext, type RequestRecord, type Services } from './context.js';
import type { LiveHub } from './live/hub.js';
import { subscribeLive } from './live/subscribe.js';

/** Close codes of our own, beside graphql-ws's (4403 Forbidden, 4408 init timeout, 4409 duplicate id ...). */
export const WsClose = {
  /** Bad, missing or expired token, deactivated user: the client must sign in again. */
  Forbidden: CloseCode.Forbidden,
  /** The user already has the allowed number of sockets open. */
  TooManySockets: 4429,
  /** The server is shutting down; reconnect (to another instance) with your cursors. */
  GoingAway: 1001,
} as const;

interface SocketState {
  token: string;
  claims: TokenClaims;
  viewer: AuthenticatedViewer;
  clientKey: string;
  expiry: NodeJS.Timeout;
}

type Extra = { socket: WebSocket; request: IncomingMessage };

export interface WsDeps {
  yoga: YogaServerInstance<{ record: RequestRecord; clientKey: string }, RequestContext>;
  services: Services;
  hub: LiveHub;
  logger: Logger;
  metrics: Metrics;
  maskError: (error: unknown) => Error;
  clientKeyOf: (request: IncomingMessage) => string;
}

/**
 * graphql-ws (`graphql-transport-ws`) on the HTTP server's port and path (/graphql), with the same
 * parsing limits, validation rules, context and authorization as HTTP (yoga's envelop), plus:
 * the token in `connectionParams.authorization`, checked at `connection_init` (4403 when bad or
 * missing) and again for every operation; sockets closed (4403) when their token expires or their
 * user is deactivated (re-checked every WS_RECHECK_SECONDS); limits on message size (1009), on
 * operations per socket, on sockets per user (4429) and in all (503 at the upgrade).
 */
export function attachWebSocket(server: Server, deps: WsDeps) {
  const { services, logger, metrics } = deps;
  const { config, database, tokens } = services;
  const limits = config.ws;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const states = new Map<WebSocket, SocketState>();
  const byUser = new Map<string, Set<WebSocket>>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql') return refuseUpgrade(socket, '404 Not Found');
    if (wss.clients.size >= limits.maxSockets) return refuseUpgrade(socket, '503 Service Unavailable', 'Retry-After: 5\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const count = () => metrics.openSockets.set({ kind: 'ws' }, wss.clients.size);
  wss.on('connection', (ws) => {
    count();
    ws.once('close', count);
    // graphql-ws prints a socket's errors (a client's oversize message, a reset) to the console
    // with a stack; they are the client's doing, logged here as one line and the socket closed.
    const once = ws.once.bind(ws);
    ws.once = ((event: string, listener: (...args: unknown[]) => void) => (event === 'error' ? ws : once(event, listener))) as typeof ws.once;
    ws.on('error', (err) => {
      logger.info('websocket protocol error', { reason: err.message.slice(0, 100) });
      if (ws.readyState === ws.OPEN) ws.close(1011, 'Internal error');
    });
  });

  const forget = (socket: WebSocket) => {
    const state = states.get(socket);
    if (!state) return;
    clearTimeout(state.expiry);
    states.delete(socket);
    const mine = byUser.get(state.viewer.userId);
    mine?.delete(socket);
    if (mine?.size === 0) byUser.delete(state.viewer.userId);
  };

  const refuse = (socket: WebSocket, reason: string) => {
    socket.close(WsClose.Forbidden, `Forbidden: ${reason}`.slice(0, 120));
    return false as const;
  };

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      connectionInitWaitTimeout: limits.initTimeoutMs,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const raw = ctx.connectionParams?.authorization;
        const token = typeof raw === 'string' ? (bearerToken(raw) ?? (/^[\w.-]+$/.test(raw) ? raw : null)) : null;
        if (!token) return refuse(socket, 'sign in first (connectionParams.authorization)');
        let claims: TokenClaims;
        let viewer: AuthenticatedViewer;
        try {
          claims = await tokens.verify(token);
          viewer = await checkClaims(database.db, claims);
        } catch (err) {
          if (err instanceof DomainError) return refuse(socket, err.message);
          logger.error('websocket sign-in check failed', { errorClass: (err as Error)?.name });
          return refuse(socket, 'could not check the token');
        }
        if (socket.readyState !== socket.OPEN) return false;
        const mine = byUser.get(viewer.userId) ?? new Set<WebSocket>();
        if (mine.size >= limits.maxSocketsPerUser) {
          socket.close(WsClose.TooManySockets, `Too many connections: at most ${limits.maxSocketsPerUser} per user`);
          return false;
        }
        mine.add(socket);
        byUser.set(viewer.userId, mine);
        const untilExpiry = Math.max(0, claims.expiresAt.getTime() - Date.now());
        const expiry = setTimeout(() => socket.close(WsClose.Forbidden, 'Forbidden: token expired'), Math.min(untilExpiry, 2 ** 31 - 1));
        expiry.unref();
        states.set(socket, { token, claims, viewer, clientKey: deps.clientKeyOf(ctx.extra.request), expiry });
        return true;
      },
      onClose(ctx) {
        forget(ctx.extra.socket);
      },
      async onSubscribe(ctx: Context<Record<string, unknown> | undefined, Extra>, _id, payload) {
        const state = states.get(ctx.extra.socket);
        if (!state) return [new GraphQLError('Unauthorized', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (Object.keys(ctx.subscriptions).length > limits.maxOperationsPerSocket) {
          return [
            new GraphQLError(`at most ${limits.maxOperationsPerSocket} operations at once on one socket`, {
              extensions: { code: 'TOO_MANY_OPERATIONS' },
            }),
          ];
        }
        const record = newRecord();
        // POST, as yoga allows mutations only on POST; nothing is read from its body.
        const request = new Request('http://websocket/graphql', { method: 'POST', headers: { authorization: `Bearer ${state.token}` } });
        const enveloped = deps.yoga.getEnveloped({ request, record, clientKey: state.clientKey, params: payload });
        try {
          if (typeof payload.query !== 'string') throw new GraphQLError('query must be a string', { extensions: { code: 'BAD_REQUEST' } });
          const document = enveloped.parse(payload.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length) return errors.map((e: GraphQLError) => deps.maskError(e) as GraphQLError);
          // Same context as HTTP: the token is checked against the database again, now.
          const contextValue = (await enveloped.contextFactory()) as unknown as RequestContext;
          return {
            schema: enveloped.schema,
            document,
            variableValues: payload.variables ?? undefined,
            operationName: payload.operationName ?? undefined,
            contextValue,
            rootValue: { execute: enveloped.execute },
          } satisfies ExecutionArgs;
        } catch (err) {
          return [deps.maskError(err) as GraphQLError];
        }
      },
      // HTTP status hints (extensions.http) mean nothing on a socket.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(withoutHttp) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map(withoutHttp),
      // Queries and mutations run exactly as over HTTP (one tenant transaction, rolled back on error).
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => never }).execute(args),
      subscribe: (args) => subscribeLive(deps.hub, args, deps.maskError),
    },
    wss,
  );

  const recheck = setInterval(async () => {
    const open = [...states];
    if (open.length === 0) return;
    try {
      const valid = await stillValid(database.db, open.map(([, s]) => s.claims));
      open.forEach(([socket], i) => {
        if (valid[i]) return;
        forget(socket);
        socket.close(WsClose.Forbidden, 'Forbidden: sign-in no longer valid');
      });
    } catch (err) {
      logger.warn('websocket re-check failed', { errorClass: (err as Error)?.name });
    }
  }, limits.recheckSeconds * 1000);
  recheck.unref();

  return {
    sockets: () => wss.clients.size,
    async close() {
      clearInterval(recheck);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(WsClose.GoingAway, 'Server shutting down');
      await Promise.resolve(disposable.dispose()).catch(() => {});
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function withoutHttp(error: GraphQLError | ReturnType<GraphQLError['toJSON']>) {
  const json = 'toJSON' in error ? error.toJSON() : error;
  if (!json.extensions || !('http' in json.extensions)) return json;
  const { http: _http, ...extensions } = json.extensions;
  return { ...json, extensions };
}

function refuseUpgrade(socket: Duplex, status: string, extra = '') {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`);
}
