/**
 * The GraphQL surface and the security baseline over a real listening server (STACK.md "Server
 * traps" 7 and 14; DESIGN.md "API conventions"): configurable limits, no batching, CSRF
 * prevention, an explicit CORS allowlist, no introspection/GraphiQL/suggestions in production,
 * masked errors, health, metrics on their own listener, and request logs without secrets.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { startTestApp, type TestApp } from './helpers.js';

const CSRF_HEADER = 'x-graphql-yoga-csrf';
const ADMIN_ORIGIN = 'https://admin.example.org';
const EVIL_ORIGIN = 'https://evil.example.org';
const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/** Small limits, so that each one is shown to come from configuration and not from a default. */
const LIMITS = {
  MAX_DEPTH: '5',
  MAX_ALIASES: '3',
  MAX_TOKENS: '150',
  MAX_BODY_BYTES: '2048',
  MAX_PAGE_SIZE: '5',
};

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: Record<string, string>; [key: string]: unknown };
}

interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, when it is JSON. */
  json: { data?: Record<string, any> | null; errors?: GraphQLErrorShape[] } | unknown[] | null;
}

async function send(url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<HttpResult> {
  const res = await fetch(url, init as RequestInit);
  const text = await res.text();
  let json: HttpResult['json'] = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

function body(r: HttpResult): { data?: Record<string, any> | null; errors?: GraphQLErrorShape[] } {
  if (!r.json || Array.isArray(r.json)) throw new Error(`expected a JSON object, got ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

/** A refusal: GraphQL errors, each with a code, and never a data entry. */
function expectRefused(r: HttpResult, code?: string) {
  const b = body(r);
  expect(b.data, `data in ${r.text}`).toBeUndefined();
  expect(b.errors?.length, r.text).toBeGreaterThan(0);
  for (const e of b.errors!) expect(e.extensions?.code, `code of ${JSON.stringify(e)}`).toEqual(expect.any(String));
  if (code) expect(b.errors!.map((e) => e.extensions?.code)).toContain(code);
}

function allMessages(r: HttpResult): string {
  return (body(r).errors ?? []).map((e) => e.message).join('\n');
}

function bearer(token?: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A client for one server. */
function clientFor(url: string) {
  const endpoint = `${url}/graphql`;
  return {
    endpoint,
    post(payload: unknown, options: { token?: string | null; headers?: Record<string, string> } = {}) {
      return send(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ACCEPT, ...bearer(options.token), ...options.headers },
        body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    },
    get(params: Record<string, string>, headers: Record<string, string> = {}) {
      const qs = new URLSearchParams(params).toString();
      return send(`${endpoint}?${qs}`, { method: 'GET', headers: { accept: ACCEPT, ...headers } });
    },
  };
}

describe('production server with small limits', () => {
  let t: TestApp;
  let url: string;
  let metricsUrl: string | null;
  let client: ReturnType<typeof clientFor>;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      CORS_ORIGINS: ADMIN_ORIGIN,
      METRICS_PORT: '0',
      ...LIMITS,
    });
    ({ url, metricsUrl } = await t.app.start(0, '127.0.0.1'));
    client = clientFor(url);
    token = await t.login('city.admin');
  });
  afterAll(() => t?.close());

  describe('limits', () => {
    test('a query within every limit works', async () => {
      const r = await client.post(
        { query: '{ a: tenants(first: 5) { totalCount edges { node { slug parent { slug } } } } b: viewer { username } }' },
        { token },
      );
      expect(r.status).toBe(200);
      const b = body(r);
      expect(b.errors).toBeUndefined();
      expect(b.data!.a.edges).toHaveLength(5);
      expect(b.data!.b.username).toBe('city.admin');
    });

    test('a query deeper than MAX_DEPTH is refused with no data', async () => {
      const r = await client.post(
        { query: '{ tenants(first: 1) { edges { node { parent { parent { parent { slug } } } } } } }' },
        { token },
      );
      expect(allMessages(r)).toMatch(/depth/i);
      expectRefused(r);
    });

    test('depth is counted through fragments', async () => {
      const r = await client.post(
        {
          query:
            'query { tenants(first: 1) { ...E } } fragment E on TenantConnection { edges { node { ...P } } } fragment P on Tenant { parent { parent { parent { slug } } } }',
        },
        { token },
      );
      expectRefused(r);
    });

    test('more aliases than MAX_ALIASES are refused with no data', async () => {
      const ok = await client.post({ query: '{ a: viewer { id } b: viewer { id } c: viewer { id } }' }, { token });
      expect(body(ok).errors).toBeUndefined();
      const r = await client.post({ query: '{ a: viewer { id } b: viewer { id } c: viewer { id } d: viewer { id } }' }, { token });
      expect(allMessages(r)).toMatch(/alias/i);
      expectRefused(r);
    });

    test('more tokens than MAX_TOKENS are refused with no data', async () => {
      // ~200 tokens: far below the default of 3000, above the configured 150.
      const query = `{ viewer { ${'id '.repeat(200)} } }`;
      const r = await client.post({ query }, { token });
      expect(allMessages(r)).toMatch(/token/i);
      expectRefused(r);
      expect(r.status).toBe(400);
    });

    test('a page larger than MAX_PAGE_SIZE is BAD_USER_INPUT naming the argument', async () => {
      const r = await client.post({ query: '{ tenants(first: 6) { totalCount } }' }, { token });
      const b = body(r);
      expect(b.data ?? null).toBeNull();
      const e = b.errors!.find((x) => x.extensions?.code === 'BAD_USER_INPUT');
      expect(e?.extensions?.fields?.first, r.text).toMatch(/5/);
      const ok = await client.post({ query: '{ users(first: 5) { edges { node { username } } } }' }, { token });
      expect(body(ok).errors).toBeUndefined();
      expect(body(ok).data!.users.edges).toHaveLength(5);
    });

    test('a body within MAX_BODY_BYTES works', async () => {
      const payload = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1500) } });
      expect(Buffer.byteLength(payload)).toBeLessThan(2048);
      const r = await client.post(payload);
      expect(r.status).toBe(200);
      expect(body(r).data).toEqual({ __typename: 'Query' });
    });

    test('a body over MAX_BODY_BYTES with Content-Length is 413', async () => {
      const payload = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3000) } });
      const r = await client.post(payload);
      expect(r.status).toBe(413);
      expectRefused(r, 'PAYLOAD_TOO_LARGE');
    });

    function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
      const encoder = new TextEncoder();
      let i = 0;
      return new ReadableStream({
        pull(controller) {
          if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]!));
          else controller.close();
        },
      });
    }

    test('a chunked body over MAX_BODY_BYTES (no Content-Length) is 413', async () => {
      const payload = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(4000) } });
      const chunks = [payload.slice(0, 1000), payload.slice(1000, 2000), payload.slice(2000, 3000), payload.slice(3000)];
      const r = await send(client.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ACCEPT },
        body: streamOf(chunks),
        duplex: 'half',
      });
      expect(r.status).toBe(413);
      expectRefused(r, 'PAYLOAD_TOO_LARGE');
    });

    test('a chunked body within MAX_BODY_BYTES works', async () => {
      const payload = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1000) } });
      const r = await send(client.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ACCEPT },
        body: streamOf([payload.slice(0, 500), payload.slice(500)]),
        duplex: 'half',
      });
      expect(r.status).toBe(200);
      expect(body(r).data).toEqual({ __typename: 'Query' });
    });

    test('a compressed body is not inflated past the limit', async () => {
      const payload = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(100_000) } });
      const gz = gzipSync(payload);
      expect(gz.length).toBeLessThan(2048);
      const r = await send(client.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', accept: ACCEPT },
        body: gz,
      });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect((r.json as { data?: unknown } | null)?.data).toBeUndefined();
    });
  });

  describe('transport', () => {
    test('batching is refused: a JSON array body gets a 4xx and no data', async () => {
      const r = await client.post([{ query: '{ __typename }' }, { query: '{ __typename }' }], { token });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(Array.isArray(r.json)).toBe(false);
      expectRefused(r);
    });

    test('GET without the CSRF header is refused', async () => {
      const r = await client.get({ query: '{ __typename }' });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expectRefused(r);
    });

    test('GET with the CSRF header runs queries', async () => {
      const r = await client.get({ query: '{ viewer { username } }' }, { [CSRF_HEADER]: '1', ...bearer(token) });
      expect(r.status).toBe(200);
      expect(body(r)).toEqual({ data: { viewer: { username: 'city.admin' } } });
    });

    test('mutations over GET are refused', async () => {
      const r = await client.get(
        { query: `mutation { login(input: { username: "city.admin", password: "${DEMO_PASSWORD}" }) { token } }` },
        { [CSRF_HEADER]: '1' },
      );
      expect(r.status === 405 || (body(r).errors?.length ?? 0) > 0, r.text).toBe(true);
      expectRefused(r);
      if (r.status === 405) expect(r.headers.get('allow')).toMatch(/POST/);
    });

    test.each([
      ['text/plain', JSON.stringify({ query: '{ __typename }' })],
      ['text/plain;charset=UTF-8', JSON.stringify({ query: '{ __typename }' })],
      ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n'],
    ])('a cross-site-simple POST (%s) is refused', async (type, payload) => {
      const r = await send(client.endpoint, { method: 'POST', headers: { 'content-type': type, accept: ACCEPT }, body: payload });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expectRefused(r);
    });

    test('/ does not lead to GraphiQL and unknown paths are 404', async () => {
      const root = await fetch(`${url}/`, { redirect: 'manual' });
      await root.arrayBuffer();
      expect(root.headers.get('location') ?? '').not.toMatch(/graphql/);
      const other = await send(`${url}/graphiql`, { headers: { accept: 'text/html' } });
      expect(other.status).toBe(404);
    });
  });

  describe('CORS', () => {
    test('the allowed origin gets exactly its own origin back, without credentials', async () => {
      const pre = await send(client.endpoint, {
        method: 'OPTIONS',
        headers: {
          origin: ADMIN_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(pre.status).toBeLessThan(300);
      expect(pre.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);

      const get = await client.get({ query: '{ __typename }' }, { origin: ADMIN_ORIGIN, [CSRF_HEADER]: '1' });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
      expect(get.headers.get('access-control-allow-credentials')).toBeNull();

      const post = await client.post({ query: '{ __typename }' }, { headers: { origin: ADMIN_ORIGIN } });
      expect(post.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    });

    test.each([EVIL_ORIGIN, 'https://admin.example.org.evil.example.org', 'null', 'http://admin.example.org'])(
      'origin %s gets no CORS headers at all',
      async (origin) => {
        const pre = await send(client.endpoint, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
        const get = await client.get({ query: '{ __typename }' }, { origin, [CSRF_HEADER]: '1' });
        const post = await client.post({ query: '{ __typename }' }, { headers: { origin } });
        for (const r of [pre, get, post]) {
          expect(r.headers.get('access-control-allow-origin'), `${r.status} ${r.text}`).toBeNull();
          expect(r.headers.get('access-control-allow-credentials')).toBeNull();
        }
      },
    );
  });

  describe('introspection, GraphiQL and suggestions in production', () => {
    test('introspection is refused', async () => {
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "User") { fields { name } } }',
        '{ viewer { id } __schema { queryType { name } } }',
      ]) {
        const r = await client.post({ query }, { token });
        expectRefused(r);
        expect(allMessages(r)).toMatch(/introspection/i);
      }
      // __typename is not introspection of the schema.
      const ok = await client.post({ query: '{ __typename }' });
      expect(body(ok).data).toEqual({ __typename: 'Query' });
    });

    test('GET /graphql with Accept: text/html does not serve GraphiQL', async () => {
      const variants: Record<string, string>[] = [{ accept: 'text/html' }, { accept: 'text/html', [CSRF_HEADER]: '1' }];
      for (const headers of variants) {
        const r = await send(client.endpoint, { headers });
        expect(r.headers.get('content-type') ?? '').not.toMatch(/html/);
        expect(r.text).not.toMatch(/<html|graphiql/i);
      }
    });

    test('error messages carry no "Did you mean" suggestions', async () => {
      const cases: [string, Record<string, unknown>?][] = [
        ['{ tenants(first: 1) { totalCont } }'],
        ['{ tenants(frist: 1) { totalCount } }'],
        ['{ tenants(first: 1, kind: [LAW_FIRMX]) { totalCount } }'],
        ['query ($k: TenantKnd) { tenants(first: 1) { totalCount } }'],
        ['{ tenant(slug: "cq") { ...F } } fragment F on Tenan { slug }'],
        ['query ($k: [TenantKind!]) { tenants(first: 1, kind: $k) { totalCount } }', { k: ['LAW_FIRMX'] }],
        [
          'mutation ($i: LoginInput!) { login(input: $i) { token } }',
          { i: { username: 'city.admin', pasword: DEMO_PASSWORD, password: DEMO_PASSWORD } },
        ],
        ['query ($s: TenantStatus) { tenants(first: 1, status: $s) { totalCount } }', { s: 'ACTIV' }],
      ];
      const leaks: string[] = [];
      for (const [query, variables] of cases) {
        const r = await client.post({ query, variables }, { token });
        expectRefused(r);
        const text = allMessages(r);
        if (/did you mean/i.test(text)) leaks.push(`${query} ${JSON.stringify(variables ?? {})} -> ${text}`);
      }
      expect(leaks, `suggestions leaked:\n${leaks.join('\n')}`).toEqual([]);
    });
  });

  describe('errors', () => {
    /** Requests that fail, each in its own way. */
    function failingRequests(): [string, Promise<HttpResult>][] {
      return [
        ['syntax error', client.post({ query: '{ tenants(first: 1) { ' })],
        ['unknown field', client.post({ query: '{ nope }' })],
        ['no query', client.post({})],
        ['invalid JSON', client.post('{"query": ')],
        ['wrong variable type', client.post({ query: 'query ($n: Int!) { tenants(first: $n) { totalCount } }', variables: { n: 'five' } }, { token })],
        ['two operations, no name', client.post({ query: 'query A { __typename } query B { __typename }' })],
        ['unknown operation name', client.post({ query: 'query A { __typename }', operationName: 'C' })],
        ['too deep', client.post({ query: '{ tenants(first: 1) { edges { node { parent { parent { parent { slug } } } } } } }' }, { token })],
        ['too many aliases', client.post({ query: '{ a: viewer { id } b: viewer { id } c: viewer { id } d: viewer { id } }' }, { token })],
        ['too many tokens', client.post({ query: `{ viewer { ${'id '.repeat(200)} } }` }, { token })],
        ['introspection', client.post({ query: '{ __schema { types { name } } }' }, { token })],
        ['no CSRF header on GET', client.get({ query: '{ __typename }' })],
        ['batch', client.post([{ query: '{ __typename }' }])],
        ['body too large', client.post({ query: '{ __typename }', variables: { pad: 'x'.repeat(3000) } })],
        ['anonymous users', client.post({ query: '{ users(first: 1) { totalCount } }' })],
        ['invalid token', client.post({ query: '{ viewer { id } }' }, { token: 'not-a-token' })],
        [
          'wrong password',
          client.post({
            query: 'mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }',
            variables: { u: 'nobody', p: 'wrong-password' },
          }),
        ],
        ['bad cursor', client.post({ query: '{ tenants(first: 1, after: "garbage") { totalCount } }' }, { token })],
        ['Int overflow', client.post({ query: '{ tenants(first: 99999999999) { totalCount } }' }, { token })],
      ];
    }

    test('every error carries extensions.code and nothing internal', async () => {
      const problems: string[] = [];
      for (const [label, pending] of failingRequests()) {
        const r = await pending;
        const b = body(r);
        if (!b.errors?.length) problems.push(`${label}: no errors in ${r.status} ${r.text}`);
        for (const e of b.errors ?? []) {
          if (!/^[A-Z_]+$/.test(String(e.extensions?.code))) problems.push(`${label}: no code in ${JSON.stringify(e)}`);
          if (/stack|\.ts:\d|node_modules/.test(JSON.stringify(e))) problems.push(`${label}: internals in ${JSON.stringify(e)}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    // GraphQL over HTTP, application/graphql-response+json: "If the GraphQL response does not
    // contain the data entry then the server MUST reply with a 4xx or 5xx status code".
    test('a response without data never has a 2xx status', async () => {
      const problems: string[] = [];
      for (const [label, pending] of failingRequests()) {
        const r = await pending;
        const b = body(r);
        if (!('data' in b) && r.status < 400) problems.push(`${label}: ${r.status} ${r.headers.get('content-type')} ${r.text}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    test('a NUL character in a string argument is not an internal error', async () => {
      const r = await client.post(
        { query: 'query ($s: String) { tenants(first: 1, search: $s) { totalCount } }', variables: { s: 'a\u0000b' } },
        { token },
      );
      const codes = (body(r).errors ?? []).map((e) => e.extensions?.code);
      expect(codes, r.text).not.toContain('INTERNAL_SERVER_ERROR');
    });

    test('a malformed global id is not an internal error', async () => {
      const r = await client.post({ query: '{ node(id: "!!not-an-id!!") { id } nodes(ids: ["", "x"]) { id } }' }, { token });
      const codes = (body(r).errors ?? []).map((e) => e.extensions?.code);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    });
  });

  describe('health and metrics', () => {
    test('GET /healthz is 200 with the database up', async () => {
      const r = await send(`${url}/healthz`);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ status: 'ok', database: 'up' });
    });

    test('metrics are served on their own loopback listener, not on the public port', async () => {
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(metricsUrl!).port).not.toBe(new URL(url).port);
      // A few requests of each outcome first.
      await client.post({ query: '{ viewer { username } }' }, { token });
      await client.post({ query: '{ users(first: 1) { totalCount } }' });
      await client.post({ query: '{ nope }' });
      const r = await send(metricsUrl!);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/plain/);
      for (const name of [
        'tianping_graphql_requests_total',
        'tianping_graphql_request_duration_seconds',
        'tianping_graphql_errors_total',
        'tianping_db_pool_connections',
        'tianping_open_sockets',
      ]) {
        expect(r.text, name).toContain(`# TYPE ${name} `);
      }
      expect(r.text).toMatch(/^tianping_graphql_requests_total\{[^}]*operation_type="query"[^}]*outcome="ok"[^}]*\} [1-9]/m);
      expect(r.text).toMatch(/^tianping_graphql_requests_total\{[^}]*outcome="error"[^}]*\} [1-9]/m);
      expect(r.text).toMatch(/^tianping_graphql_request_duration_seconds_count\{[^}]*operation_type="query"[^}]*\} [1-9]/m);
      expect(r.text).toMatch(/^tianping_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m);
      expect(r.text).toMatch(/^tianping_open_sockets\{kind="http"\} \d+/m);
      expect(r.text).toMatch(/^tianping_db_pool_connections\{state="total"\} [1-9]/m);

      const other = await send(metricsUrl!.replace(/\/metrics$/, '/'));
      expect(other.status).toBe(404);
      const pub = await send(`${url}/metrics`);
      expect(pub.status).toBe(404);
      expect(pub.text).not.toContain('tianping_');
    });
  });

  describe('request logs', () => {
    test('one line per request with its facts, never variables, passwords or tokens', async () => {
      const start = t.logLines.length;
      const secretSearch = 'SECRET-MARKER-123';
      const phone = '13912345678';
      const newPassword = 'SECRET-PASSWORD-987xyz';

      const login = await client.post({
        query: 'mutation SignIn($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }',
        variables: { u: 'city.admin', p: DEMO_PASSWORD },
      });
      const fresh = body(login).data!.login.token as string;
      expect(fresh).toEqual(expect.any(String));

      const search = await client.post(
        {
          query: 'query SearchTenants($s: String) { tenants(first: 5, search: $s) { totalCount } }',
          variables: { s: secretSearch },
        },
        { token: fresh },
      );
      expect(body(search).errors).toBeUndefined();

      const byPhone = await client.get(
        {
          query: 'query FindUsers($s: String) { users(first: 5, search: $s) { totalCount } }',
          variables: JSON.stringify({ s: phone }),
        },
        { [CSRF_HEADER]: '1', ...bearer(fresh) },
      );
      expect(body(byPhone).errors).toBeUndefined();

      const create = await client.post(
        {
          query: 'mutation AddUser($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
          variables: {
            i: { tenantId: 'not-a-tenant', username: secretSearch.toLowerCase(), displayName: secretSearch, password: newPassword, phone, roles: ['STAFF'] },
          },
        },
        { token: fresh },
      );
      expect(body(create).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const anonymous = await client.post({ query: 'query Whoami { viewer { id } }' });
      expect(body(anonymous).data).toEqual({ viewer: null });

      const lines = t.logLines.slice(start);
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const requests = entries.filter((e) => e.msg === 'graphql');
      expect(requests.map((e) => e.operation)).toEqual(['SignIn', 'SearchTenants', 'FindUsers', 'AddUser', 'Whoami']);
      expect(requests.map((e) => e.type)).toEqual(['mutation', 'query', 'query', 'mutation', 'query']);
      expect(requests.map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok', 'error', 'ok']);
      expect(requests[3]!.codes).toEqual(['BAD_USER_INPUT']);
      for (const e of requests) {
        expect(e.durationMs).toEqual(expect.any(Number));
        expect(e.level).toBe('info');
      }
      for (const e of requests.slice(1, 4)) {
        expect(e.tenantId).toEqual(expect.any(String));
        expect(e.userId).toEqual(expect.any(String));
      }
      expect(requests[4]!.userId ?? null).toBeNull();
      expect(requests[4]!.tenantId ?? null).toBeNull();

      const all = lines.join('\n');
      for (const secret of [secretSearch, secretSearch.toLowerCase(), phone, DEMO_PASSWORD, newPassword, fresh, fresh.split('.')[2]!, token]) {
        expect(all.includes(secret), `log lines contain ${secret}:\n${all}`).toBe(false);
      }
    });

    test('a body refused for its size still gets its one log line and is counted', async () => {
      const start = t.logLines.length;
      const r = await client.post({ query: '{ __typename }', variables: { pad: 'SECRET-MARKER-123 '.repeat(200) } });
      expect(r.status).toBe(413);
      const lines = t.logLines.slice(start);
      expect(lines.join('\n')).not.toContain('SECRET-MARKER-123');
      const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'graphql');
      expect(requests, lines.join('\n')).toHaveLength(1);
      expect(requests[0]).toMatchObject({ status: 413, outcome: 'error', codes: ['PAYLOAD_TOO_LARGE'] });
      const m = await send(metricsUrl!);
      expect(m.text).toMatch(/^tianping_graphql_errors_total\{code="PAYLOAD_TOO_LARGE"\} [1-9]/m);
    });
  });
});

describe('development server', () => {
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'development' });
    const { url } = await t.app.start(0, '127.0.0.1');
    client = clientFor(url);
  });
  afterAll(() => t?.close());

  test('introspection works', async () => {
    const r = await client.post({ query: '{ __schema { types { name } } }' });
    expect(r.status).toBe(200);
    const names = (body(r).data!.__schema.types as { name: string }[]).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['Tenant', 'User', 'Query', 'Mutation']));
  });

  test('GraphiQL is served to a browser', async () => {
    const r = await send(client.endpoint, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toMatch(/graphiql/i);
  });

  test('CORS is closed when no origin is configured', async () => {
    const r = await client.post({ query: '{ __typename }' }, { headers: { origin: ADMIN_ORIGIN } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('when the database fails', () => {
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production' });
    ({ url } = await t.app.start(0, '127.0.0.1'));
    client = clientFor(url);
    token = await t.login('city.admin');
    await t.database.close();
  });
  afterAll(() => t?.close());

  const LEAKS = /select|insert|update |delete |\bsql\b|"tenants"|"users"|tenant_closure|login_throttle|password_hash|app\.|stack|node_modules|\.ts:\d|pglite|postgres|CONNECTION_|ECONN/i;

  test('GET /healthz is 503', async () => {
    const r = await send(`${url}/healthz`);
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ database: 'down' });
  });

  const SEARCH = { query: 'query Count($s: String) { tenants(first: 1, search: $s) { totalCount } }', variables: { s: 'SECRET-MARKER-123' } };
  const LOGIN = {
    query: 'mutation SignIn($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }',
    variables: { u: 'secret-marker-123', p: 'SECRET-MARKER-123-password' },
  };

  test.each([
    ['a signed-in query', SEARCH, true],
    ['an anonymous query', SEARCH, false],
    ['a sign-in', LOGIN, false],
  ])('an unexpected error in %s is masked and logged without SQL or values', async (_label, payload, signedIn) => {
    const before = t.logLines.length;
    const r = await client.post(payload, { token: signedIn ? token : null });
    const b = body(r);
    expect(b.data ?? null).toBeNull();
    expect(b.errors).toHaveLength(1);
    expect(b.errors![0]!.message).toBe('Unexpected error.');
    expect(b.errors![0]!.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const withoutPath = JSON.stringify({ ...b, errors: b.errors!.map(({ path: _p, ...e }) => e) });
    expect(withoutPath).not.toMatch(LEAKS);
    // The log keeps the error's class, never its SQL or parameters.
    const logged = t.logLines.slice(before).join('\n');
    expect(logged).toContain('unexpected error');
    expect(logged.toLowerCase()).not.toContain('secret-marker-123');
    expect(logged, logged).not.toMatch(/select |params:/i);
  });

  test.each([
    ['a signed-in query', SEARCH, true],
    ['an anonymous query', SEARCH, false],
    ['a sign-in', LOGIN, false],
  ])('an unexpected error in %s without data has a 5xx status', async (_label, payload, signedIn) => {
    const r = await client.post(payload, { token: signedIn ? token : null });
    const b = body(r);
    expect(b.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    // GraphQL over HTTP requires a 4xx/5xx when there is no data entry; an internal failure is a 5xx.
    if (!('data' in b)) {
      expect(r.status, r.text).toBeGreaterThanOrEqual(500);
      expect(r.status).toBeLessThan(600);
    }
  });
});
