import type { Config } from '../config.js';
import type { Database, Tx } from '../db/client.js';
import type { AuthenticatedViewer } from '../usecases/auth/load-viewer.js';
import type { TokenService } from '../usecases/auth/tokens.js';
import type { ApiKeyPrincipal } from '../usecases/contacts/api-keys.js';
import type { CommandContext } from '../usecases/context.js';
import type { LiveHub, LiveOperation } from './live/hub.js';
import type { Loaders } from './loaders.js';

/** What the server holds for the life of the process and hands every request. */
export interface Services {
  config: Config;
  database: Database;
  tokens: TokenService;
}

/**
 * Bookkeeping for the one log line and the metrics of a request: never variables, tokens or
 * personal data.
 */
export interface RequestRecord {
  operation: string | null;
  operationType: string | null;
  codes: Set<string>;
  tenantId: string | null;
  userId: string | null;
}

/**
 * The GraphQL context, the same shape for HTTP and WebSocket operations. A plain object (yoga
 * copies its own properties into the execution context). `tx` and `loaders` are set by the
 * tenant-transaction plugin for the duration of execution.
 */
export interface RequestContext {
  services: Services;
  config: Config;
  viewer: AuthenticatedViewer | null;
  /**
   * Set (and `viewer` null) when the request authenticated with an integration key
   * (`Authorization: ApiKey …`): it acts for the key's tenant, with no user, and may only call
   * `recordContacts` (useApiKeyScope).
   */
  apiKey?: ApiKeyPrincipal | null;
  now: Date;
  record: RequestRecord;
  /** A hash of the client's address, for rate limits on anonymous requests. */
  clientKey: string;
  tx: Tx;
  loaders: Loaders;
  /** Owner-connection work to run once the request transaction has ended (see CommandContext). */
  afterTransaction: ((db: Database['db']) => Promise<void>)[];
  /** Set by a command that asked to keep its writes although it fails (see CommandContext). */
  keepWritesOnError: ((db: Database['db']) => Promise<void>) | null;
  /** Only while a WebSocket subscription is being set up: where its stream comes from. */
  live?: { hub: LiveHub; op: LiveOperation };
}

export function newRecord(): RequestRecord {
  return { operation: null, operationType: null, codes: new Set(), tenantId: null, userId: null };
}

/** The command context for a use case, from the GraphQL context. */
export function commandOf(ctx: RequestContext): CommandContext {
  return {
    tx: ctx.tx,
    viewer: ctx.viewer,
    now: ctx.now,
    config: ctx.config,
    clientKey: ctx.clientKey,
    derive: (purpose, input) => ctx.services.tokens.derive(purpose, input),
    afterTransaction: (work) => void ctx.afterTransaction.push(work),
    keepWritesOnError: (fallback) => {
      ctx.keepWritesOnError = fallback;
    },
  };
}
