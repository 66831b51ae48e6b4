import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { withTenant } from '../db/with-tenant.js';
import { type DirectorySort, publicDirectorySorted, publicDisclosure } from '../usecases/public/disclosure.js';
import { disclosureMeasures } from '../usecases/public/measures.js';
import { directoryPage, disclosurePage, notFoundPage } from './public-pages.js';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * `/public` and `/public/<slug>`: server-rendered, anonymous, read-only, from the public views in
 * a tenant transaction with no viewer. Short shared caching with an ETag, so a phone on a slow
 * network revalidates cheaply.
 */
export async function publicPages(request: Request, database: Database, config: Config): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  const url = new URL(request.url);
  const rest = url.pathname.replace(/^\/public\/?/, '');
  const options = { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs };
  const { status, body } = await withTenant(database.db, null, options, async (tx) => {
    if (rest === '') {
      const q = (url.searchParams.get('q') ?? '').slice(0, 100);
      const kind = url.searchParams.get('kind') ?? '';
      const sort: DirectorySort = url.searchParams.get('sort') === 'satisfaction' ? 'SATISFACTION' : url.searchParams.get('sort') === 'on-time' ? 'ON_TIME' : 'DISTRICT';
      const entries = await publicDirectorySorted(tx, { search: q, kind: kind || null }, sort, new Date());
      return { status: 200, body: directoryPage(entries, { q, kind, sort }) };
    }
    const slug = safeDecode(rest).replace(/\/$/, '');
    const disclosure = /^[a-z0-9-]{1,63}$/.test(slug) ? await publicDisclosure(tx, slug) : null;
    if (!disclosure) return { status: 404, body: notFoundPage() };
    return { status: 200, body: disclosurePage(disclosure, await disclosureMeasures(tx, disclosure, new Date())) };
  });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': status === 200 ? 'public, max-age=60, stale-while-revalidate=300' : 'public, max-age=30',
    etag,
    vary: 'Accept-Encoding',
  };
  if (status === 200 && request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : body, { status, headers });
}

/** A malformed percent-escape is just an unknown page. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}
