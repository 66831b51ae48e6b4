import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { withTenant } from '../db/with-tenant.js';
import { csvHeader, csvRow, UTF8_BOM } from '../domain/ledger/csv.js';
import { DomainError } from '../domain/shared/errors.js';
import type { TokenService } from '../usecases/auth/tokens.js';
import { runAs } from '../usecases/context.js';
import { authorizeLedgerExport, LEDGER_CSV_COLUMNS, ledgerExportBatch } from '../usecases/cases/ledger.js';
import { problem, signedInViewer, tenantParam } from './signed-in.js';

const instant = (s: string | null) => (s ? new Date(s) : (undefined as unknown as Date));

/**
 * GET /ledger/export.csv?tenantId=&from=&to= with `Authorization: Bearer …` (Art. 18): a tenant's
 * ledger for a period as CSV, streamed batch by batch (each read in its own short transaction as
 * the viewer), never built in memory. Personal data leaves masked.
 */
export async function ledgerExport(request: Request, config: Config, database: Database, tokens: TokenService): Promise<Response> {
  const url = new URL(request.url);
  let viewer;
  let query;
  try {
    viewer = await signedInViewer(request, database, tokens);
    query = await runAs(database, config, viewer, (ctx) =>
      authorizeLedgerExport(ctx, {
        tenantId: tenantParam(url.searchParams.get('tenantId')) ?? null,
        from: instant(url.searchParams.get('from')),
        to: instant(url.searchParams.get('to')),
      }),
    );
  } catch (err) {
    if (err instanceof DomainError) return problem(err);
    throw err;
  }
  const q = query;
  const v = viewer;
  const options = { readOnly: true, statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs };
  let cursor: Parameters<typeof ledgerExportBatch>[3] = null;
  let started = false;
  let done = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvHeader(LEDGER_CSV_COLUMNS)));
        return;
      }
      if (done) return controller.close();
      const batch = await withTenant(database.db, v, options, (tx) => ledgerExportBatch(tx, v, q, cursor));
      const keys = LEDGER_CSV_COLUMNS.map((c) => c.key);
      const text = batch.lines.map((line) => csvRow(keys.map((k) => line[k]))).join('');
      if (text) controller.enqueue(encoder.encode(text));
      cursor = batch.next;
      if (!cursor) done = true;
    },
  });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ledger-${day(q.from)}-${day(q.to)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
