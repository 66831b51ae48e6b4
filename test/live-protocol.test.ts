import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TokenService } from '../server/usecases/auth/tokens.js';
import { ok, startTestApp, type TestApp } from './helpers.js';
import { collect, wsClient } from './live-support.js';

/**
 * The WebSocket transport's rules (server/graphql/ws.ts, graphql-transport-ws on /graphql): sign-in
 * in connection_init (4403), the init timeout (4408), the protocol's own close codes (4401, 4429,
 * 4409, 4400, 4406), the HTTP 404 for another path, the message size (1009), operations per
 * socket (an `error`, socket kept), sockets per user (4429), token expiry and deactivation (4403),
 * queries and mutations run like over HTTP, refusals at subscribe time, and subscriptions refused
 * over HTTP. No error or close reason received anywhere shows SQL or a stack.
 *
 * Two apps: A has small limits (and re-checks sockets only hourly, so that a refusal at subscribe
 * time is the subscribe's own check); B re-checks open sockets every second.
 */

const PROTOCOL = 'graphql-transport-ws';
const RUN = randomBytes(3).toString('hex');
const LIMITS_A = {
  WS_INIT_TIMEOUT_MS: '300',
  WS_MAX_MESSAGE_BYTES: '2048',
  WS_MAX_OPERATIONS_PER_SOCKET: '2',
  WS_MAX_SOCKETS_PER_USER: '2',
  WS_RECHECK_SECONDS: '3600',
  MAX_DEPTH: '5',
};

type Err = { message: string; path?: unknown; extensions?: Record<string, unknown> & { code?: string; fields?: Record<string, string> } };
type Closed = { code: number; reason: string };

/** Every error and close reason received in this file, checked at the end for leaks. */
const received: { where: string; text: string }[] = [];
function seen(where: string, value: unknown) {
  received.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value) });
}

const codesOf = (errors: readonly Err[] | undefined) => (errors ?? []).map((e) => e.extensions?.code).sort();

/** Resolves with `p`, or fails after `ms`. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls (bounded) until `check` is true. */
async function eventually(check: () => boolean, ms = 10_000, what = 'a condition') {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Raw {
  ws: WebSocket;
  messages: any[];
  opened: Promise<void>;
  closed: Promise<Closed>;
  isClosed(): boolean;
  send(msg: unknown): void;
  /** The first message (bounded wait) matching `pred`. */
  next(pred: (m: any) => boolean, ms?: number): Promise<any>;
  close(): Promise<Closed>;
}

/** A raw socket, speaking the protocol by hand. */
function raw(url: string, protocol: string | string[] = PROTOCOL): Raw {
  const ws = new WebSocket(url, protocol);
  const messages: any[] = [];
  let isClosed = false;
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => {});
  const closed = new Promise<Closed>((resolve) =>
    ws.once('close', (code, reason) => {
      isClosed = true;
      const r = { code, reason: reason.toString() };
      seen(`close ${code}`, r.reason);
      resolve(r);
    }),
  );
  ws.on('error', () => {});
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.type === 'error') seen('error message', m.payload);
    if (m.type === 'next' && m.payload?.errors) seen('next errors', m.payload.errors);
    messages.push(m);
  });
  return {
    ws,
    messages,
    opened,
    closed,
    isClosed: () => isClosed,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    async next(pred, ms = 10_000) {
      let found: any;
      await eventually(() => (found = messages.find(pred)) !== undefined || isClosed, ms, 'a message');
      if (found === undefined) found = messages.find(pred);
      if (found === undefined) throw new Error(`socket closed (${JSON.stringify(await closed)}) before the message; got ${JSON.stringify(messages)}`);
      return found;
    },
    async close() {
      if (!isClosed) ws.close(1000);
      return within(closed, 5_000, 'close');
    },
  };
}

/** A raw socket past connection_ack. */
async function signedIn(url: string, authorization: string): Promise<Raw> {
  const r = raw(url);
  await within(r.opened, 5_000, 'open');
  r.send({ type: 'connection_init', payload: { authorization } });
  await r.next((m) => m.type === 'connection_ack');
  return r;
}

/** Sends connection_init and returns how the socket was closed (it must be). */
async function closedAtInit(url: string, payload: unknown): Promise<Closed & { acked: boolean }> {
  const r = raw(url);
  await within(r.opened, 5_000, 'open');
  r.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
  const c = await within(r.closed, 5_000, 'the close');
  return { ...c, acked: r.messages.some((m) => m.type === 'connection_ack') };
}

/** The outcome of one operation over a graphql-ws client: its result, or the `error` message. */
function run(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return within(
    new Promise<{ data?: any; errors?: Err[]; viaError: boolean }>((resolve) => {
      let result: { data?: any; errors?: Err[] } = {};
      client.subscribe(
        { query, variables },
        {
          next: (r) => {
            result = r as typeof result;
            if (r.errors) seen('next errors', r.errors);
          },
          error: (e) => {
            seen('error sink', Array.isArray(e) ? e : String(e));
            resolve({ errors: (Array.isArray(e) ? e : [e]) as Err[], viaError: true });
          },
          complete: () => resolve({ ...result, viaError: false }),
        },
      );
    }),
    10_000,
    'an operation result',
  );
}

/** Subscribe on a raw socket and wait for the result (`next`, then `complete`) or an `error`. */
async function rawOperation(r: Raw, id: string, query: string, variables: Record<string, unknown> = {}) {
  r.send({ id, type: 'subscribe', payload: { query, variables } });
  return r.next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
}

const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id version } } }`;
const incidentInput = (place: string) => ({
  category: 'OFFICE_DISRUPTION',
  severity: 'IV',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  place,
  peopleCount: 2,
  description: '测试：门口聚集',
  actionsTaken: '已劝离',
});
const ALERTS_SUB = `subscription($a: String, $t: ID) { incidentAlerts(after: $a, tenantId: $t) { cursor kind incident { place } } }`;

async function startWs(overrides: Record<string, string>) {
  const t = await startTestApp(overrides);
  const { url } = await t.app.start(0, '127.0.0.1');
  return { t, http: url, url: url.replace('http', 'ws') + '/graphql' };
}

/** The newest alert cursor (city.admin sees every alert). */
async function latestCursor(t: TestApp): Promise<string> {
  const admin = await t.login('city.admin');
  const all = ok(await t.gql('{ incidentAlertsSince { cursor } }', {}, admin)).incidentAlertsSince as { cursor: string }[];
  return all.at(-1)?.cursor ?? '0';
}

async function tenantId(t: TestApp, slug: string): Promise<string> {
  const admin = await t.login('city.admin');
  return ok(await t.gql('query($s: String!) { tenant(slug: $s) { id } }', { s: slug }, admin)).tenant.id;
}

async function deactivate(t: TestApp, adminUsername: string, username: string) {
  const token = await t.login(username);
  const me = ok(await t.gql('{ viewer { id version } }', {}, token)).viewer as { id: string; version: number };
  const admin = await t.login(adminUsername);
  const r = ok(
    await t.gql('mutation($i: UserVersionInput!) { deactivateUser(input: $i) { user { username active } } }', { i: { id: me.id, version: me.version } }, admin),
  );
  expect(r.deactivateUser.user).toEqual({ username, active: false });
}

describe('app A: small limits', () => {
  let t: TestApp;
  let url: string;
  let base: string;
  const clients: Client[] = [];
  const raws: Raw[] = [];
  const track = <T extends Client | Raw>(c: T): T => {
    if ('ws' in c) raws.push(c as Raw);
    else clients.push(c as Client);
    return c;
  };

  beforeAll(async () => {
    ({ t, url, http: base } = await startWs(LIMITS_A));
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    for (const r of raws) if (!r.isClosed()) r.ws.terminate();
    await t?.close();
  });

  describe('sign-in in connection_init', () => {
    test('no connectionParams, or no authorization in them: closed 4403', async () => {
      const none = await closedAtInit(url, undefined);
      expect(none).toMatchObject({ code: 4403, acked: false });
      const empty = await closedAtInit(url, {});
      expect(empty).toMatchObject({ code: 4403, acked: false });
      const client = track(wsClient(url, null));
      expect((await within(client.closed, 5_000, 'close')).code).toBe(4403);
    });

    test('a garbage token, bare or as Bearer: closed 4403', async () => {
      expect(await closedAtInit(url, { authorization: 'Bearer not-a-token' })).toMatchObject({ code: 4403, acked: false });
      expect(await closedAtInit(url, { authorization: 'abc.def.ghi' })).toMatchObject({ code: 4403, acked: false });
      expect(await closedAtInit(url, { authorization: 'Bearer ' })).toMatchObject({ code: 4403, acked: false });
      expect(await closedAtInit(url, { authorization: 42 })).toMatchObject({ code: 4403, acked: false });
    });

    test('a token signed with another secret: closed 4403', async () => {
      const real = await t.login('hotline.staff');
      const claims = await t.app.services.tokens.verify(real);
      const forger = new TokenService('another-secret-0123456789abcdef0123456789', t.config.jwt);
      const { token } = await forger.sign(claims);
      expect(await closedAtInit(url, { authorization: `Bearer ${token}` })).toMatchObject({ code: 4403, acked: false });
      expect(await closedAtInit(url, { authorization: token })).toMatchObject({ code: 4403, acked: false });
    });

    test('a valid token, as "Bearer x" and bare: connection_ack, and the socket works', async () => {
      const token = await t.login('hotline.staff');
      for (const authorization of [`Bearer ${token}`, token]) {
        const r = track(await signedIn(url, authorization));
        const m = await rawOperation(r, 'v', '{ viewer { username } }');
        expect(m).toMatchObject({ type: 'next', payload: { data: { viewer: { username: 'hotline.staff' } } } });
        await r.close();
      }
    });
  });

  describe('the protocol', () => {
    test('no connection_init within WS_INIT_TIMEOUT_MS: closed 4408', async () => {
      const r = track(raw(url));
      await within(r.opened, 5_000, 'open');
      const c = await within(r.closed, 3_000, 'the init timeout');
      expect(c.code).toBe(4408);
      expect(r.messages).toEqual([]);
    });

    test('subscribe before connection_init: closed 4401', async () => {
      const r = track(raw(url));
      await within(r.opened, 5_000, 'open');
      r.send({ id: '1', type: 'subscribe', payload: { query: '{ viewer { id } }' } });
      expect((await within(r.closed, 5_000, 'the close')).code).toBe(4401);
      expect(r.messages).toEqual([]);
    });

    test('a second connection_init: closed 4429 (too many initialisation requests)', async () => {
      const token = await t.login('jiangbei.admin');
      const r = track(await signedIn(url, `Bearer ${token}`));
      r.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      const c = await within(r.closed, 5_000, 'the close');
      expect(c.code).toBe(4429);
      expect(c.reason).toMatch(/initiali[sz]ation/i);
    });

    test('a duplicate id while the first operation is active: closed 4409', async () => {
      const token = await t.login('shapingba.admin');
      const r = track(await signedIn(url, `Bearer ${token}`));
      const sub = { id: 'dup', type: 'subscribe', payload: { query: 'subscription { incidentAlerts { cursor } }' } };
      r.send(sub);
      // A later operation on the same socket answers: the subscription is in place (and silent).
      const m = await rawOperation(r, 'marker', '{ viewer { username } }');
      expect(m.payload.data.viewer.username).toBe('shapingba.admin');
      expect(r.messages.filter((x) => x.id === 'dup')).toEqual([]);
      r.send(sub);
      expect((await within(r.closed, 5_000, 'the close')).code).toBe(4409);
    });

    test('a message that is not JSON: closed 4400', async () => {
      const token = await t.login('jiulongpo.admin');
      const r = track(await signedIn(url, token));
      r.send('{"type": "subscribe", "id": ');
      expect((await within(r.closed, 5_000, 'the close')).code).toBe(4400);
    });

    test('the legacy subprotocol (graphql-ws): closed 4406 or refused', async () => {
      const r = track(raw(url, 'graphql-ws'));
      const opened = await r.opened.then(
        () => true,
        () => false,
      );
      const c = await within(r.closed, 5_000, 'the close');
      if (opened) expect(c.code).toBe(4406);
      else expect(c.code).not.toBe(1000);
      expect(r.messages).toEqual([]);
    });

    test('an upgrade on another path: HTTP 404', async () => {
      const other = base.replace('http', 'ws') + '/other';
      const status = await within(
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(other, PROTOCOL);
          ws.on('unexpected-response', (req, res) => {
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          ws.on('open', () => reject(new Error('opened on /other')));
          ws.on('error', () => {});
        }),
        5_000,
        'the upgrade response',
      );
      expect(status).toBe(404);
    });
  });

  test('message size: one up to WS_MAX_MESSAGE_BYTES works, a larger one closes the socket 1009', async () => {
    const token = await t.login('mingli.lawyer');
    const r = track(await signedIn(url, `Bearer ${token}`));
    const message = (id: string, size: number) => {
      const base = { id, type: 'subscribe', payload: { query: '{ viewer { username } }\n#', variables: {} } };
      const pad = size - Buffer.byteLength(JSON.stringify(base));
      base.payload.query += 'x'.repeat(pad);
      const text = JSON.stringify(base);
      expect(Buffer.byteLength(text)).toBe(size);
      return text;
    };
    r.send(message('small', 2000));
    const m = await r.next((x) => x.id === 'small' && (x.type === 'next' || x.type === 'error'));
    expect(m).toMatchObject({ type: 'next', payload: { data: { viewer: { username: 'mingli.lawyer' } } } });
    r.send(message('big', 2100));
    expect((await within(r.closed, 5_000, 'the close')).code).toBe(1009);
    expect(r.messages.filter((x) => x.id === 'big')).toEqual([]);
  });

  test('operations per socket: the third at once gets TOO_MANY_OPERATIONS, the socket and the first two keep working', async () => {
    const token = await t.login('yubei.supervisor');
    const reporter = await t.login('longxi.staff');
    const after = await latestCursor(t);
    const client = track(wsClient(url, token));
    let closed = false;
    void client.closed.then(() => (closed = true));
    const s1 = collect(client, ALERTS_SUB, { a: after });
    const s2 = collect(client, ALERTS_SUB, { a: after });
    const s3 = collect(client, ALERTS_SUB, { a: after });
    await eventually(() => s3.errors.length > 0, 10_000, 'the refusal');
    seen('s3', s3.errors);
    const refusal = s3.errors.flat() as Err[];
    expect(codesOf(refusal)).toEqual(['TOO_MANY_OPERATIONS']);
    expect(s3.items).toEqual([]);

    const place = `OPS-${RUN}-1`;
    ok(await t.gql(REPORT, { i: incidentInput(place) }, reporter));
    for (const s of [s1, s2]) {
      await eventually(() => s.items.some((a: any) => a.incident?.place === place) || s.errors.length > 0, 10_000, 'the alert');
      expect(s.errors).toEqual([]);
      expect(s.items.map((a: any) => a.incident.place)).toEqual([place]);
    }
    expect(closed).toBe(false);

    // One stopped frees its place: another is accepted and hears the next report.
    s2.stop();
    const last = s1.items.at(-1)!.cursor;
    const s4 = collect(client, ALERTS_SUB, { a: last });
    const place2 = `OPS-${RUN}-2`;
    ok(await t.gql(REPORT, { i: incidentInput(place2) }, reporter));
    for (const s of [s1, s4]) {
      await eventually(() => s.items.some((a: any) => a.incident?.place === place2) || s.errors.length > 0, 10_000, 'the second alert');
      expect(s.errors).toEqual([]);
    }
    expect(s4.items.map((a: any) => a.incident.place)).toEqual([place2]);
    expect(s2.items.map((a: any) => a.incident.place)).toEqual([place]);
    expect(closed).toBe(false);
    s1.stop();
    s4.stop();
  });

  test('sockets per user: the third closes 4429, another user still connects, and after one closes the user can again', async () => {
    const token = await t.login('jiefangbei.staff');
    const a = track(await signedIn(url, `Bearer ${token}`));
    const b = track(await signedIn(url, `Bearer ${token}`));
    const third = await closedAtInit(url, { authorization: `Bearer ${token}` });
    expect(third).toMatchObject({ code: 4429, acked: false });
    expect(third.reason).toMatch(/too many/i);

    const other = track(await signedIn(url, `Bearer ${await t.login('yuzhong.staff')}`));
    expect(a.isClosed() || b.isClosed() || other.isClosed()).toBe(false);
    // The two open sockets still work.
    for (const [r, id] of [[a, 'a'], [b, 'b']] as const) {
      const m = await rawOperation(r, id, '{ viewer { username } }');
      expect(m.payload.data.viewer.username).toBe('jiefangbei.staff');
    }

    await a.close();
    // The server forgets the socket when its side closes: retry (bounded) until it has.
    const end = Date.now() + 5_000;
    let again: Raw | null = null;
    const codes: number[] = [];
    while (!again && Date.now() < end) {
      const r = track(raw(url));
      await within(r.opened, 5_000, 'open');
      r.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      await eventually(() => r.isClosed() || r.messages.some((m) => m.type === 'connection_ack'), 5_000, 'ack or close');
      if (r.isClosed()) codes.push((await r.closed).code);
      else again = r;
    }
    expect(again, `closed with ${codes}`).not.toBeNull();
    expect(codes.every((c) => c === 4429)).toBe(true);
    await again!.close();
    await b.close();
    await other.close();
  });

  test('a token that expires while the socket is open: closed 4403, reason mentions expiry', async () => {
    const claims = await t.app.services.tokens.verify(await t.login('city.supervisor'));
    const ttl = t.config.jwt.ttlSeconds;
    const { token, expiresAt } = await t.app.services.tokens.sign(claims, new Date(Date.now() - (ttl - 2) * 1000));
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const r = track(await signedIn(url, `Bearer ${token}`));
    const c = await within(r.closed, 10_000, 'the expiry');
    expect(c.code).toBe(4403);
    expect(c.reason).toMatch(/expire/i);
  });

  describe('same rules as HTTP', () => {
    const VIEWER = '{ viewer { id username displayName roles active version tenant { id name } } }';

    test('a query returns the same data as over HTTP', async () => {
      const token = await t.login('yubei.admin');
      const client = track(wsClient(url, token));
      const overWs = await run(client, VIEWER);
      const overHttp = await t.gql(VIEWER, {}, token);
      expect(overWs.errors).toBeUndefined();
      expect(overWs.data.viewer.username).toBe('yubei.admin');
      expect(overWs.data).toEqual(ok(overHttp));
      await client.dispose();
    });

    test('a too-deep query is refused as over HTTP, with no data', async () => {
      const token = await t.login('yubei.admin');
      const deep = '{ tenants(first: 1) { edges { node { parent { parent { parent { slug } } } } } } }';
      const shallow = '{ tenants(first: 1) { edges { node { slug } } } }';
      const client = track(wsClient(url, token));
      const overHttp = await t.gql(deep, {}, token);
      const overWs = await run(client, deep);
      seen('http deep', overHttp.errors);
      expect(overHttp.data ?? undefined).toBeUndefined();
      expect(overWs.data).toBeUndefined();
      expect(codesOf(overHttp.errors).length).toBeGreaterThan(0);
      expect(codesOf(overWs.errors)).toEqual(codesOf(overHttp.errors));
      expect(overWs.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
      // The limit is the limit, not a refusal of everything.
      const fine = await run(client, shallow);
      expect(fine.errors).toBeUndefined();
      expect(fine.data).toEqual(ok(await t.gql(shallow, {}, token)));
      await client.dispose();
    });

    const COUNT = '{ incidents(first: 1) { totalCount } }';
    const FAILING = `mutation($i: ReportIncidentInput!) {
      a: reportIncident(input: $i) { incident { id } }
      b: acknowledgeIncident(input: { id: "bm90LWFuLWlk" }) { incident { id } } }`;

    test('a mutation with an error changes nothing', async () => {
      const token = await t.login('longxi.staff');
      const client = track(wsClient(url, token));
      const count = async () => ok(await t.gql(COUNT, {}, token)).incidents.totalCount as number;
      const before = await count();
      const place = `WS-ROLLBACK-${RUN}`;
      const overWs = await run(client, FAILING, { i: incidentInput(place) });
      expect(overWs.errors?.length).toBeGreaterThan(0);
      expect(overWs.data?.a ?? null).toBeNull();
      expect(await count()).toBe(before);
      const places = ok(await t.gql('{ incidents(first: 50) { edges { node { place } } } }', {}, token)).incidents.edges.map((e: any) => e.node.place);
      expect(places.filter((p: string) => p.startsWith(place))).toEqual([]);
      await client.dispose();
    });

    test('a mutation runs as over HTTP: the failing one refused with the same codes, one without errors commits', async () => {
      const token = await t.login('longxi.staff');
      const client = track(wsClient(url, token));
      try {
        const count = async () => ok(await t.gql(COUNT, {}, token)).incidents.totalCount as number;
        const before = await count();
        const place = `WS-MUTATION-${RUN}`;
        const overWs = await run(client, FAILING, { i: incidentInput(`${place}-ws`) });
        const overHttp = await t.gql(FAILING, { i: incidentInput(`${place}-http`) }, token);
        seen('http rollback', overHttp.errors);
        expect(codesOf(overHttp.errors)).toEqual(['BAD_USER_INPUT']);
        expect(codesOf(overWs.errors)).toEqual(codesOf(overHttp.errors));
        expect(await count()).toBe(before);

        const fine = await run(client, REPORT, { i: incidentInput(`${place}-ok`) });
        expect(fine.errors).toBeUndefined();
        expect(fine.data.reportIncident.incident.version).toBe(1);
        expect(await count()).toBe(before + 1);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('refused at subscribe time', () => {
    test('incidentAlerts for a tenant outside the viewer\'s subtree: FORBIDDEN; one inside works', async () => {
      const token = await t.login('yubei.admin');
      const yuzhong = await tenantId(t, 'yuzhong');
      const longxi = await tenantId(t, 'yubei-longxi');
      const client = track(wsClient(url, token));
      const refusedSub = await run(client, ALERTS_SUB, { t: yuzhong });
      expect(codesOf(refusedSub.errors)).toEqual(['FORBIDDEN']);
      expect(refusedSub.data ?? null).toBeNull();

      const after = await latestCursor(t);
      const inside = collect(client, ALERTS_SUB, { t: longxi, a: after });
      const place = `SUB-INSIDE-${RUN}`;
      ok(await t.gql(REPORT, { i: incidentInput(place) }, await t.login('longxi.staff')));
      await eventually(() => inside.items.length > 0 || inside.errors.length > 0, 10_000, 'the alert');
      expect(inside.errors).toEqual([]);
      expect(inside.items.map((a: any) => a.incident.place)).toEqual([place]);
      inside.stop();
      await client.dispose();
    });

    test('a bad cursor: BAD_USER_INPUT on `after`', async () => {
      const token = await t.login('yubei.admin');
      const client = track(wsClient(url, token));
      for (const a of ['abc', '-1', '1e3']) {
        const r = await run(client, ALERTS_SUB, { a });
        expect(codesOf(r.errors), a).toEqual(['BAD_USER_INPUT']);
        expect(Object.keys(r.errors![0]!.extensions?.fields ?? {})).toEqual(['after']);
        expect(r.data ?? null).toBeNull();
      }
      await client.dispose();
    });

    test('the token of a user deactivated since the socket opened: refused at subscribe, as over HTTP', async () => {
      const token = await t.login('yubei.legalaid.staff');
      const r = track(await signedIn(url, `Bearer ${token}`));
      const before = await rawOperation(r, 'before', '{ viewer { username } }');
      expect(before.payload.data.viewer.username).toBe('yubei.legalaid.staff');
      await deactivate(t, 'yubei.admin', 'yubei.legalaid.staff');

      const overHttp = await t.gql('{ viewer { username } }', {}, token);
      seen('http deactivated', overHttp.errors);
      expect(codesOf(overHttp.errors)).toEqual(['UNAUTHENTICATED']);

      for (const [id, query] of [
        ['sub', 'subscription { incidentAlerts { cursor } }'],
        ['query', '{ viewer { username } }'],
      ] as const) {
        const m = await rawOperation(r, id, query);
        const errors: Err[] = m.type === 'error' ? m.payload : (m.payload.errors ?? []);
        expect(codesOf(errors), id).toEqual(['UNAUTHENTICATED']);
        expect(m.payload?.data ?? null).toBeNull();
      }
      await r.close();
    });
  });

  test('a subscription POSTed to /graphql: BAD_REQUEST, no data', async () => {
    const token = await t.login('yubei.admin');
    for (const query of ['subscription { incidentAlerts { cursor } }', 'subscription { notificationAdded { cursor } }']) {
      const r = await t.gql(query, {}, token);
      seen('http subscription', r.errors);
      expect(codesOf(r.errors as Err[]), query).toEqual(['BAD_REQUEST']);
      expect(r.data ?? undefined).toBeUndefined();
    }
  });
});

describe('app B: sockets re-checked every second', () => {
  let t: TestApp;
  let url: string;
  const raws: Raw[] = [];

  beforeAll(async () => {
    ({ t, url } = await startWs({ WS_RECHECK_SECONDS: '1' }));
  });
  afterAll(async () => {
    for (const r of raws) if (!r.isClosed()) r.ws.terminate();
    await t?.close();
  });

  test('a deactivated user\'s open socket is closed 4403; another user\'s stays open', async () => {
    const staff = await t.login('yubei.staff');
    const supervisor = await t.login('yubei.supervisor');
    const victim = await signedIn(url, `Bearer ${staff}`);
    const bystander = await signedIn(url, `Bearer ${supervisor}`);
    raws.push(victim, bystander);
    await deactivate(t, 'yubei.admin', 'yubei.staff');

    const c = await within(victim.closed, 10_000, 'the re-check');
    expect(c.code).toBe(4403);
    expect(c.reason).toMatch(/^Forbidden/);
    // The same re-check (one statement for every open socket) looked at the bystander too.
    expect(bystander.isClosed()).toBe(false);
    const m = await rawOperation(bystander, 'still', '{ viewer { username } }');
    expect(m.payload.data.viewer.username).toBe('yubei.supervisor');
    expect(bystander.isClosed()).toBe(false);
    await bystander.close();
  });
});

describe('errors never leak internals', () => {
  test('no SQL, no stack, no internal names in any error or close reason received', () => {
    expect(received.length).toBeGreaterThan(20);
    const leaks = received.filter(({ text }) =>
      /\b(select|insert into|update \w+ set|delete from)\b|\bwhere\b.*=|postgres|pglite|drizzle|\bat \S+ \(|\.ts:\d+|node_modules|"stack"|"exception"|originalError|TypeError|ReferenceError/i.test(
        text,
      ),
    );
    expect(leaks).toEqual([]);
  });
});
