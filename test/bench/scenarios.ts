// The benchmark's scenarios: the hot requests of test/sql-count.test.ts plus the fixed per-request
// cost (viewer) and sign-in. Each one knows how to check its own response: a benchmark that
// measured error responses would be worthless, so anything unexpected aborts the run.
import { DEMO_PASSWORD, DEMO_USERS } from '../../seeds/demo-data.js';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Requests measured by default (before BENCH_REQUESTS); the wall-clock cap may stop it earlier. */
  defaultRequests: number;
  /** Requests sent before measuring, not counted. */
  warmup: number;
  /** Who signs in for it (null: no token). */
  signedInAs: string | null;
  /** The i-th request's body (i counts across warm-up and measurement). */
  body(i: number): GraphQLBody;
  /** Throws with a short reason when `data` is not what a successful response holds. */
  check(data: Record<string, any>): void;
}

export const LOGIN = `mutation BenchLogin($u: String!, $p: String!) {
  login(input: { username: $u, password: $p }) { token expiresAt }
}`;

const VIEWER = `query BenchViewer { viewer { id username tenant { slug } } }`;

const TREE_PAGE = `query BenchTreePage {
  tenants(first: 30) {
    totalCount
    edges { node { id slug name kind depth parent { slug } children { slug } ancestors { slug } } }
  }
}`;

const USERS_PAGE = `query BenchUsersPage {
  users(first: 20) { totalCount edges { node { username displayName tenant { slug } } } }
}`;

const CASE_QUEUE = `query BenchCaseQueue {
  cases(first: 50, orderBy: DUE_SOONEST) {
    totalCount
    edges { node { id number status subject priority { level } committedClock { dueAt overdue }
      serviceItem { name } assignee { displayName } firstResponder { displayName } handlerTenant { name } } }
  }
}`;

function fail(reason: string): never {
  throw new Error(reason);
}

// Sign-in rotates over the demo accounts so that concurrent requests do not all queue on one
// user's row (login records the time of the last sign-in).
const loginUsers = DEMO_USERS.map((u) => u.username);

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'viewer',
    description: 'viewer as city.admin (fixed cost: token + account check, tenant transaction)',
    defaultRequests: 2000,
    warmup: 40,
    signedInAs: 'city.admin',
    body: () => ({ query: VIEWER }),
    check(data) {
      if (data.viewer?.username !== 'city.admin') fail(`viewer is ${JSON.stringify(data.viewer)}, expected city.admin`);
    },
  },
  {
    name: 'tenant-tree',
    description: 'tenants(first: 30) with parent, children, ancestors as city.admin',
    defaultRequests: 1000,
    warmup: 40,
    signedInAs: 'city.admin',
    body: () => ({ query: TREE_PAGE }),
    check(data) {
      const page = data.tenants;
      if (!page || !Array.isArray(page.edges)) fail('no tenants connection');
      const expected = Math.min(30, page.totalCount);
      if (expected < 1 || page.edges.length !== expected) fail(`${page.edges.length} tenant edges, expected ${expected}`);
      for (const { node } of page.edges) {
        if (!node?.slug || !Array.isArray(node.children) || !Array.isArray(node.ancestors)) fail('incomplete tenant node');
      }
    },
  },
  {
    name: 'users',
    description: 'users(first: 20) with their tenants as yubei.admin',
    defaultRequests: 2000,
    warmup: 40,
    signedInAs: 'yubei.admin',
    body: () => ({ query: USERS_PAGE }),
    check(data) {
      const page = data.users;
      if (!page || !Array.isArray(page.edges)) fail('no users connection');
      const expected = Math.min(20, page.totalCount);
      if (expected < 1 || page.edges.length !== expected) fail(`${page.edges.length} user edges, expected ${expected}`);
      for (const { node } of page.edges) {
        if (!node?.username || !node.tenant?.slug) fail('incomplete user node');
      }
    },
  },
  {
    name: 'case-queue',
    description: 'cases(first: 50) with service item, assignee, first responder, handler as city.supervisor',
    defaultRequests: 1000,
    warmup: 40,
    signedInAs: 'city.supervisor',
    body: () => ({ query: CASE_QUEUE }),
    check(data) {
      const page = data.cases;
      if (!page || !Array.isArray(page.edges)) fail('no cases connection');
      const expected = Math.min(50, page.totalCount);
      if (expected < 1 || page.edges.length !== expected) fail(`${page.edges.length} case edges, expected ${expected}`);
      for (const { node } of page.edges) {
        if (!node?.number || !node.committedClock?.dueAt || !node.handlerTenant?.name) fail('incomplete case node');
      }
    },
  },
  {
    name: 'login',
    description: 'login (argon2id verification), rotating over the demo accounts',
    defaultRequests: 100,
    warmup: 16,
    signedInAs: null,
    body: (i) => ({ query: LOGIN, variables: { u: loginUsers[i % loginUsers.length], p: DEMO_PASSWORD } }),
    check(data) {
      if (typeof data.login?.token !== 'string' || data.login.token.length < 20) fail('login returned no token');
    },
  },
];
