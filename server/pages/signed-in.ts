import type { Database } from '../db/client.js';
import { badInput, DomainError } from '../domain/shared/errors.js';
import { decodeGlobalId } from '../graphql/global-id.js';
import { loadViewer } from '../usecases/auth/load-viewer.js';
import { bearerToken, type TokenService } from '../usecases/auth/tokens.js';

/**
 * What the signed-in download routes (/reports/*, /ledger/export.csv) share: the viewer from
 * `Authorization: Bearer …`, a tenant parameter as GraphQL hands it out, and a refusal as JSON.
 */
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** The viewer behind the request's bearer token; UNAUTHENTICATED without one or with a bad one. */
export async function signedInViewer(request: Request, database: Database, tokens: TokenService) {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  return loadViewer(database.db, tokens, token);
}

/** A refusal as JSON: the code, a message and the fields named; nothing else (no SQL, no stack). */
export const problem = (err: DomainError) =>
  new Response(JSON.stringify({ error: { code: err.code, message: err.message, fields: err.fields } }), {
    status: STATUS[err.code] ?? 400,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/** The tenant as GraphQL hands it out (a global id) or as a plain uuid; absent: the viewer's own. */
export function tenantParam(raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined;
  const decoded = decodeGlobalId(raw);
  if (decoded) {
    if (decoded.typename !== 'Tenant') throw badInput({ tenantId: 'is not a Tenant id' });
    return decoded.id;
  }
  return raw; // checked as a uuid by the use case
}
