import { type DocumentNode, execute, type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import type { Config } from '../../config.js';
import type { Database, Db, Tx } from '../../db/client.js';
import type { Notifier } from '../../db/notifier.js';
import { withTenant } from '../../db/with-tenant.js';
import type { Logger } from '../../logger.js';
import type { AuthenticatedViewer } from '../../usecases/auth/load-viewer.js';
import { newRecord, type RequestContext, type Services } from '../context.js';
import { describeError } from '../errors.js';
import { createLoaders } from '../loaders.js';

/**
 * Live delivery (DESIGN.md "Events out"). Alerts and notices are rows, numbered in commit order by
 * their insert trigger; NOTIFY only wakes this hub, which reads what is new and hands it to its
 * subscribers. Subscribers whose answers are necessarily the same — same document and variables,
 * same tenant and roles, same scope — form a group: each row is executed once per group, inside a
 * transaction acting for the group (row-level security decides, again, what it may read), and the
 * one result goes to every member, a chunk at a time so the event loop keeps breathing.
 *
 * A subscriber with a cursor first gets everything after it (read under its own row-level security),
 * then goes live with no gap and no duplicate: it joins its group before the replay, takes the
 * replay up to the hub's read position, and drops live rows it already has.
 */

/** Where a new row may go: its number, the tenants entitled to it, its addressee. */
export interface Route {
  seq: number;
  tenantIds: readonly string[];
  userId: string | null;
}

/** A stream of numbered rows with the channel that announces them. */
export interface Feed {
  name: string;
  channel: string;
  /** The highest number so far (owner connection). */
  head(db: Db): Promise<number>;
  /** Routing facts of rows after a number, oldest first (owner connection; no content). */
  routesAfter(db: Db, after: number, limit: number): Promise<Route[]>;
}

export type RowRange = { seqs: number[] } | { after: number; upTo: number; limit: number };

/** What one subscription asks of a feed: its scope, and how to read its rows as the viewer. */
export interface Topic<Row = unknown> {
  feed: Feed;
  /** What, beside tenant and roles, decides what a subscriber sees (a subtree, a user). */
  scopeKey: string;
  /**
   * True when the scope is one user (their own notices): results are built as that user. Otherwise
   * they are built as nobody in particular of the subscriber's tenant and roles, so a field that
   * depends on who asks (a user's own unmasked phone) is never handed to a colleague in the group.
   */
  personal: boolean;
  entitled(route: Route): boolean;
  /** The rows in range the viewer may read within the scope, oldest first (under RLS). */
  load(tx: Tx, viewer: AuthenticatedViewer, range: RowRange): Promise<Row[]>;
  seqOf(row: Row): number;
}

/** The operation a subscriber sent, as the hub executes it per row. */
export interface LiveOperation {
  document: DocumentNode;
  /** The document's text, for grouping (same text, same result). */
  text: string;
  variableValues: Record<string, unknown> | undefined;
  operationName: string | null | undefined;
  /** The variable carrying the cursor: it decides the replay only, not the result. */
  cursorVariable: string | null;
}

export interface HubOptions {
  schema: GraphQLSchema;
  services: Services;
  notifier: Notifier;
  logger: Logger;
  maskError: (error: unknown) => Error;
  /** Results a subscriber may have waiting before it is told to reconnect from its cursor. */
  maxQueued?: number;
  /** Members served between yields to the event loop. */
  chunkSize?: number;
  onDelivered?: (feed: string, messages: number) => void;
}

type Delivery = [seq: number, result: ExecutionResult];

interface Group {
  key: string;
  topic: Topic;
  op: LiveOperation;
  viewer: AuthenticatedViewer;
  members: Set<Member>;
}

interface FeedState {
  feed: Feed;
  /** Every row up to here has been read (and handed to the groups entitled to it). */
  cursor: number;
  groups: Map<string, Group>;
  /** False until the head is known: a wake-up before that must not read from 0. */
  started: boolean;
  draining: boolean;
  again: boolean;
  stop: () => Promise<void>;
  poll: NodeJS.Timeout | null;
}

export class LiveHub {
  private readonly states = new Map<string, Promise<FeedState>>();
  private readonly maxQueued: number;
  private readonly chunkSize: number;
  private stopped = false;

  constructor(
    private readonly feeds: readonly Feed[],
    private readonly options: HubOptions,
  ) {
    this.maxQueued = options.maxQueued ?? 1000;
    this.chunkSize = options.chunkSize ?? 250;
  }

  private get config(): Config {
    return this.options.services.config;
  }

  private get database(): Database {
    return this.options.services.database;
  }

  /** Listens on every feed's channel and learns where each stands; call before a tenant transaction. */
  async ready(): Promise<void> {
    await Promise.all(this.feeds.map((f) => this.stateOf(f)));
  }

  /** Subscribers on this instance, by feed (for metrics and tests). */
  async stats(): Promise<Record<string, { groups: number; members: number; cursor: number }>> {
    const out: Record<string, { groups: number; members: number; cursor: number }> = {};
    for (const [name, p] of this.states) {
      const s = await p;
      let members = 0;
      for (const g of s.groups.values()) members += g.members.size;
      out[name] = { groups: s.groups.size, members, cursor: s.cursor };
    }
    return out;
  }

  private stateOf(feed: Feed): Promise<FeedState> {
    let p = this.states.get(feed.name);
    if (!p) {
      p = this.startFeed(feed);
      this.states.set(feed.name, p);
      p.catch(() => this.states.delete(feed.name));
    }
    return p;
  }

  private async startFeed(feed: Feed): Promise<FeedState> {
    const state: FeedState = { feed, cursor: 0, groups: new Map(), started: false, draining: false, again: false, stop: async () => {}, poll: null };
    // Listen first, then read the head: a row committed in between wakes a drain that finds it.
    state.stop = await this.options.notifier.subscribe(feed.channel, () => void this.drain(state), () => void this.drain(state));
    state.cursor = await feed.head(this.database.db);
    state.started = true;
    // NOTIFY is not durable (a listener reconnecting misses what was sent meanwhile): a slow poll
    // catches up whatever a lost wake-up left behind.
    const seconds = this.config.live.pollSeconds;
    if (seconds > 0) {
      state.poll = setInterval(() => void this.drain(state), seconds * 1000);
      state.poll.unref();
    }
    return state;
  }

  /** Registers a subscriber; the replay after `after` (null: from now) runs as it is read. */
  async open<Row>(viewer: AuthenticatedViewer, topic: Topic<Row>, op: LiveOperation, after: number | null): Promise<AsyncIterableIterator<ExecutionResult>> {
    if (this.stopped) throw new Error('the server is stopping');
    // Never starts a feed here: this runs inside the subscriber's transaction, and on PGlite the
    // owner connection is that same connection (ready() ran before the transaction).
    const pending = this.states.get(topic.feed.name);
    if (!pending) throw new Error('live delivery is not ready');
    const state = await pending;
    const key = groupKey(viewer, topic, op);
    const asWhom = topic.personal ? viewer : anyoneOf(viewer);
    let group = state.groups.get(key);
    if (!group) {
      group = { key, topic: topic as Topic, op, viewer: asWhom, members: new Set() };
      state.groups.set(key, group);
    }
    const upTo = state.cursor;
    const member = new Member(this.maxQueued, after ?? upTo, (m) => this.leave(state, group!, m), asWhom);
    group.members.add(member);
    member.startReplay(async () => {
      if (after === null || after >= upTo) return;
      let from = after;
      for (;;) {
        // The replay is built exactly as the live results are (same viewer), under the member's RLS.
        const page = await this.run(asWhom, topic as Topic, op, { after: from, upTo, limit: 200 });
        for (const [seq, result] of page) member.replayed(seq, result);
        if (page.length < 200) break;
        from = page.at(-1)![0];
        await member.drained(100);
        if (member.done) return;
      }
    });
    return member;
  }

  private leave(state: FeedState, group: Group, member: Member) {
    group.members.delete(member);
    if (group.members.size === 0) {
      if (state.groups.get(group.key) === group) state.groups.delete(group.key);
    } else if (group.viewer === member.viewer) {
      group.viewer = group.members.values().next().value!.viewer;
    }
  }

  /** Reads what is new after the cursor and hands it out; one drain at a time per feed. */
  private async drain(state: FeedState): Promise<void> {
    if (this.stopped || !state.started) return;
    if (state.draining) {
      state.again = true;
      return;
    }
    state.draining = true;
    try {
      do {
        state.again = false;
        for (;;) {
          const routes = await state.feed.routesAfter(this.database.db, state.cursor, 500);
          if (routes.length === 0) break;
          state.cursor = routes.at(-1)!.seq;
          await this.dispatch(state, routes);
        }
      } while (state.again && !this.stopped);
    } catch (err) {
      this.options.logger.error('live delivery: reading new rows failed', { feed: state.feed.name, ...describeError(err) });
    } finally {
      state.draining = false;
    }
  }

  private async dispatch(state: FeedState, routes: Route[]) {
    for (const group of [...state.groups.values()]) {
      const seqs = routes.filter((r) => group.topic.entitled(r)).map((r) => r.seq);
      if (seqs.length === 0 || group.members.size === 0) continue;
      let results: Delivery[];
      try {
        results = await this.run(group.viewer, group.topic, group.op, { seqs });
      } catch (err) {
        // Nothing may be skipped silently: its members resume from their cursors.
        this.options.logger.error('live delivery: executing for a group failed', { feed: state.feed.name, ...describeError(err) });
        for (const m of [...group.members]) m.fail(reconnectError('delivery failed'));
        continue;
      }
      if (results.length === 0) continue;
      const members = [...group.members];
      for (let i = 0; i < members.length; i += this.chunkSize) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        for (const m of members.slice(i, i + this.chunkSize)) for (const [seq, result] of results) m.offer(seq, result);
      }
      this.options.onDelivered?.(state.feed.name, members.length * results.length);
    }
  }

  /** Executes the operation once per row in range, in one transaction acting for the viewer. */
  private run(viewer: AuthenticatedViewer, topic: Topic, op: LiveOperation, range: RowRange): Promise<Delivery[]> {
    const { config, database } = this;
    return withTenant(
      database.db,
      viewer,
      { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs },
      async (tx) => {
        const rows = await topic.load(tx, viewer, range);
        const ctx = {
          services: this.options.services,
          config,
          viewer,
          now: new Date(),
          record: newRecord(),
          clientKey: '',
          tx,
          loaders: createLoaders(tx, viewer),
          afterTransaction: [],
          keepWritesOnError: null,
        } satisfies RequestContext;
        const out: Delivery[] = [];
        for (const row of rows) {
          const result = (await execute({
            schema: this.options.schema,
            document: op.document,
            rootValue: row,
            contextValue: ctx,
            variableValues: op.variableValues,
            operationName: op.operationName,
          })) as ExecutionResult;
          out.push([topic.seqOf(row), result.errors ? { ...result, errors: result.errors.map((e) => this.options.maskError(e) as GraphQLError) } : result]);
        }
        return out;
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const p of this.states.values()) {
      const s = await p.catch(() => null);
      if (!s) continue;
      if (s.poll) clearInterval(s.poll);
      for (const g of s.groups.values()) for (const m of [...g.members]) m.end();
      await s.stop().catch(() => {});
    }
    this.states.clear();
  }
}

/** Nobody in particular of the viewer's tenant, with its roles: a user id that matches no user. */
function anyoneOf(viewer: AuthenticatedViewer): AuthenticatedViewer {
  return { ...viewer, userId: '00000000-0000-0000-0000-000000000000', username: '', displayName: '' };
}

function groupKey(viewer: AuthenticatedViewer, topic: Topic, op: LiveOperation): string {
  const variables = { ...(op.variableValues ?? {}) };
  if (op.cursorVariable) delete variables[op.cursorVariable];
  return JSON.stringify([
    topic.scopeKey,
    viewer.tenantId,
    [...viewer.roles].sort(),
    op.operationName ?? null,
    op.text,
    Object.keys(variables)
      .sort()
      .map((k) => [k, variables[k]]),
  ]);
}

function reconnectError(why: string): GraphQLError {
  return new GraphQLError(`${why}: subscribe again with the last cursor you received`, { extensions: { code: 'RESUBSCRIBE' } });
}

/**
 * One subscriber: an async iterator graphql-ws reads from. While its replay runs, live rows wait in
 * a buffer; afterwards a row is passed on only if it is newer than the last one passed on.
 */
class Member implements AsyncIterableIterator<ExecutionResult> {
  done = false;
  private catchingUp = true;
  private readonly buffer: Delivery[] = [];
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  private waitingDrain: { below: number; resolve: () => void } | null = null;
  private failure: GraphQLError | null = null;

  constructor(
    private readonly maxQueued: number,
    private lastSeq: number,
    private readonly onEnd: (m: Member) => void,
    readonly viewer: AuthenticatedViewer,
  ) {}

  startReplay(replay: () => Promise<void>) {
    replay().then(
      () => this.goLive(),
      (err) => this.fail(reconnectError(err instanceof GraphQLError ? err.message : 'replay failed')),
    );
  }

  replayed(seq: number, result: ExecutionResult) {
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    this.push(result);
  }

  private goLive() {
    if (this.done) return;
    this.catchingUp = false;
    for (const [seq, result] of this.buffer.splice(0)) this.offer(seq, result);
  }

  offer(seq: number, result: ExecutionResult) {
    if (this.done) return;
    if (this.catchingUp) {
      if (this.buffer.length >= this.maxQueued) return this.fail(reconnectError('too far behind'));
      this.buffer.push([seq, result]);
      return;
    }
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    this.push(result);
  }

  private push(result: ExecutionResult) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: result, done: false });
      return;
    }
    if (this.queue.length >= this.maxQueued) return this.fail(reconnectError('too far behind'));
    this.queue.push(result);
  }

  /** Resolves once fewer than `below` results wait (the replay's backpressure). */
  drained(below: number): Promise<void> {
    if (this.queue.length < below || this.done) return Promise.resolve();
    return new Promise((resolve) => {
      this.waitingDrain = { below, resolve };
    });
  }

  /** Ends the stream with an error the client acts on (it resubscribes from its cursor). */
  fail(error: GraphQLError) {
    if (this.done || this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    this.buffer.length = 0;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      this.failure = null;
      this.finish();
      w({ value: { errors: [error] }, done: false });
    }
  }

  end() {
    this.finish();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: undefined, done: true });
    }
  }

  private finish() {
    if (this.done) return;
    this.done = true;
    this.waitingDrain?.resolve();
    this.onEnd(this);
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      if (this.waitingDrain && this.queue.length < this.waitingDrain.below) {
        this.waitingDrain.resolve();
        this.waitingDrain = null;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const error = this.failure;
      this.failure = null;
      this.finish();
      return Promise.resolve({ value: { errors: [error] }, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    this.waitingDrain?.resolve();
    this.waitingDrain = null;
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<ExecutionResult>> {
    return this.return();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
