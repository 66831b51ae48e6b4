import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { withTenant } from '../db/with-tenant.js';
import { badInput, DomainError } from '../domain/shared/errors.js';
import type { TokenService } from '../usecases/auth/tokens.js';
import { runAs } from '../usecases/context.js';
import { authorizeLedgerReport, ledgerReportRows, ledgerReportSpec, type ReadRunner } from '../usecases/reports/ledger-report.js';
import { statisticsExport } from '../usecases/reports/statistics-report.js';
import { TABLE_MEDIA_TYPE, tableStream, type TableFormat } from '../usecases/reports/table.js';
import { civilDateAt } from '../domain/calendar/civil-date.js';
import { PERIOD_KINDS, type PeriodKind, periodOf } from '../domain/stats/periods.js';
import { problem, signedInViewer, tenantParam } from './signed-in.js';

const LEDGER = /^\/reports\/ledger\.(csv|xlsx)$/;
const STATISTICS = /^\/reports\/statistics\.(csv|xlsx)$/;

export interface ReportOptions {
  /** Cases read per transaction (tests make it small); default the use case's. */
  batchSize?: number;
}

/**
 * GET /reports/ledger.csv and /reports/ledger.xlsx?tenantId=&from=YYYY-MM-DD&to=YYYY-MM-DD[&subtree=1]
 * with `Authorization: Bearer …`: the work-ledger report (工作台账, Art. 18) of a tenant for a
 * period, streamed batch by batch (each batch read in its own short read-only transaction as the
 * viewer, under row-level security), never built in memory. Personal data leaves masked.
 */
export async function reportRoutes(request: Request, config: Config, database: Database, tokens: TokenService, options: ReportOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  const stats = STATISTICS.exec(url.pathname);
  if (stats && request.method === 'GET') return statisticsRoute(request, config, database, tokens, stats[1] as TableFormat);
  const match = LEDGER.exec(url.pathname);
  if (!match || request.method !== 'GET') {
    return new Response(JSON.stringify({ error: 'not found' }), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } });
  }
  const format = match[1] as TableFormat;
  let viewer;
  let query;
  try {
    viewer = await signedInViewer(request, database, tokens);
    const params = url.searchParams;
    query = await runAs(database, config, viewer, (ctx) =>
      authorizeLedgerReport(ctx, {
        tenantId: tenantParam(params.get('tenantId')),
        // Missing ones (null) are refused by the use case's parsing, naming the parameter.
        from: params.get('from') as string,
        to: params.get('to') as string,
        subtree: flagParam(params.get('subtree'), 'subtree'),
      }),
    );
  } catch (err) {
    if (err instanceof DomainError) return problem(err);
    throw err;
  }
  const v = viewer;
  const txOptions = { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs };
  const run: ReadRunner = (read) => withTenant(database.db, v, txOptions, read);
  const body = tableStream(format, ledgerReportSpec(query), ledgerReportRows(run, v, query, { batchSize: options.batchSize }));
  const ascii = `ledger-${query.tenantSlug}${query.subtree ? '-subtree' : ''}-${query.from}-${query.to}.${format}`;
  const zh = `工作台账-${query.tenantName}${query.subtree ? '（含下级单位）' : ''}-${query.from}至${query.to}.${format}`;
  return download(body, format, ascii, zh);
}

/**
 * GET /reports/statistics.csv|xlsx?tenantId=&subtree=1&kind=MONTH&date=YYYY-MM-DD (or kind=CUSTOM
 * &from=&to=): the statistics of a period beside the previous one, as the `statistics` query
 * computes them, under the same rules (staff: their own tenant; subtree for supervisors/admins).
 */
async function statisticsRoute(request: Request, config: Config, database: Database, tokens: TokenService, format: TableFormat): Promise<Response> {
  const params = new URL(request.url).searchParams;
  let result;
  try {
    const viewer = await signedInViewer(request, database, tokens);
    const now = new Date();
    const kind = (params.get('kind') ?? 'MONTH').toUpperCase();
    if (!(PERIOD_KINDS as readonly string[]).includes(kind)) throw badInput({ kind: `must be one of ${PERIOD_KINDS.join(', ')}` });
    const period = periodOf(
      kind === 'CUSTOM'
        ? { kind: 'CUSTOM', from: params.get('from'), to: params.get('to') }
        : { kind: kind as PeriodKind, date: params.get('date') ?? civilDateAt(now) },
    );
    const tenantId = tenantParam(params.get('tenantId'));
    const subtree = flagParam(params.get('subtree'), 'subtree');
    const txOptions = { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs };
    result = await withTenant(database.db, viewer, txOptions, (tx) => statisticsExport(tx, viewer, { tenantId, subtree, period, now }));
    result = { ...result, period };
  } catch (err) {
    if (err instanceof DomainError) return problem(err);
    throw err;
  }
  const { period } = result;
  const body = tableStream(format, result.spec, (async function* () {
    yield* result.rows;
  })());
  const ascii = `statistics-${result.tenantSlug}${params.get('subtree') === '1' ? '-subtree' : ''}-${period.from}-${period.to}.${format}`;
  const zh = `统计报表-${result.tenantName}-${period.from}至${period.to}.${format}`;
  return download(body, format, ascii, zh);
}

/** A file download: an ASCII name for old clients, the Chinese one for the rest; never cached. */
function download(body: ReadableStream<Uint8Array>, format: TableFormat, ascii: string, zh: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': TABLE_MEDIA_TYPE[format],
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

function flagParam(raw: string | null, name: string): boolean {
  if (raw === null || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw badInput({ [name]: 'must be 1 or 0' });
}
