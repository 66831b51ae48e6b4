import { HttpError } from 'react-admin';

/** The header a browser client sends so that the server's CSRF prevention lets it in. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: Record<string, string>; [key: string]: unknown };
}

/** Turns a server message into the viewer's language (the server speaks English). */
export type Localize = (what: { code: string; message: string; field?: string }) => string;

export interface ClientOptions {
  endpoint?: string;
  getToken(): string | null;
  fetch?: typeof fetch;
  localize?: Localize;
}

export type Request = <T>(document: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * The body of the HttpError every failed request becomes. `errors` is what react-admin's forms
 * show beside each field (BAD_USER_INPUT's `extensions.fields`, keyed by input field path).
 */
export interface ErrorBody {
  code: string;
  errors?: Record<string, string | { serverError: string }>;
  graphQLErrors?: GraphQLErrorShape[];
}

const STATUS_OF: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** Worst first: a sign-in problem ends the session whatever else went wrong. */
const PRECEDENCE = ['UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND', 'RATE_LIMITED'];

const passThrough: Localize = ({ message }) => message;

/**
 * GraphQL over fetch: one POST per operation with the bearer token and the CSRF header. Errors
 * are read from `extensions.code` whatever the HTTP status (an execution error arrives with 200).
 */
export function createClient(options: ClientOptions): Request {
  const endpoint = options.endpoint ?? '/graphql';
  const localize = options.localize ?? passThrough;
  return async function request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
      [CSRF_HEADER]: '1',
    };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
    } catch {
      throw new HttpError(localize({ code: 'NETWORK', message: 'cannot reach the server' }), 0, { code: 'NETWORK' } satisfies ErrorBody);
    }
    type Body = { data?: T | null; errors?: GraphQLErrorShape[] };
    let body: Body | null;
    try {
      body = (await response.json()) as Body;
    } catch {
      body = null;
    }
    if (body?.errors?.length) throw toHttpError(body.errors, response.status, localize);
    if (!response.ok || !body || body.data == null) {
      const code = `HTTP_${response.status}`;
      throw new HttpError(localize({ code: 'INTERNAL_SERVER_ERROR', message: `server answered ${response.status}` }), response.status || 500, { code } satisfies ErrorBody);
    }
    return body.data;
  };
}

export function toHttpError(errors: GraphQLErrorShape[], httpStatus: number, localize: Localize = passThrough): HttpError {
  const codeOf = (e: GraphQLErrorShape) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR');
  const ranked = [...errors].sort((a, b) => rank(codeOf(a)) - rank(codeOf(b)));
  const first = ranked[0]!;
  const code = codeOf(first);
  const status = STATUS_OF[code] ?? (httpStatus >= 400 ? httpStatus : 500);
  const body: ErrorBody = { code, graphQLErrors: errors };
  if (code === 'BAD_USER_INPUT' && first.extensions?.fields && Object.keys(first.extensions.fields).length) {
    const fieldErrors: Record<string, string> = {};
    for (const [field, message] of Object.entries(first.extensions.fields)) fieldErrors[field] = localize({ code, message, field });
    // Each message also shows under its field; the summary is for the notification.
    const summary = localize({ code, message: [...new Set(Object.values(fieldErrors))].join('; ') });
    body.errors = { ...fieldErrors, root: { serverError: summary } };
    return new HttpError(summary, status, body);
  }
  return new HttpError(localize({ code, message: first.message }), status, body);
}

const rank = (code: string) => {
  const i = PRECEDENCE.indexOf(code);
  return i === -1 ? PRECEDENCE.length : i;
};
