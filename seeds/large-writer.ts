/**
 * Bulk loading for the large-data generator: COPY ... FROM STDIN (PostgreSQL, postgres.js
 * `writable()`) or COPY ... FROM '/dev/blob' (PGlite), on the owner connection, one transaction per
 * batch of tables written in order (a batch's events never arrive before its cases). Row triggers
 * fire as for INSERT (the case-facts trigger included). On PostgreSQL several batches are in
 * flight at once, each on its own connection.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../server/db/client.js';
import type { Cell } from './large-story.js';

export interface TableSpec {
  name: string;
  columns: readonly string[];
}

const t = (name: string, columns: string) => ({ name, columns: columns.split(/\s*,\s*/) });

export const TABLES = {
  tenants: t('tenants', 'id, parent_id, kind, slug, name, name_en, division_code, address, phone, office_hours, statutory_duties, introduction, status, version, created_at, updated_at'),
  users: t('users', 'id, tenant_id, username, display_name, phone, roles, active, password_hash, token_version, password_changed_at, version, created_at, updated_at'),
  serviceItems: t('service_items', 'id, tenant_id, code, name, category, status, draft, has_unpublished_changes, published_version, is_template, adopted_from_item_id, adopted_from_version, sort_order, version, created_at, updated_at'),
  serviceItemVersions: t('service_item_versions', 'id, tenant_id, item_id, version_no, content, published_at, published_by'),
  commitments: t('commitments', 'id, tenant_id, kind, title, body, sort_order, metric, target, published, version, created_at, updated_at'),
  cases: t('cases', 'id, origin_tenant_id, handler_tenant_id, first_responder_tenant_id, first_responder_user_id, assignee_user_id, number, year, status, kind, channel, service_item_id, service_item_version, subject, sensitive, priority_sort, opened_at, statutory_due_at, committed_due_at, updated_at, projection, pending_transfer_tenant_id, transfer_rejected_by_tenant_id, assigned_by_tenant_id, flags, closes_at, follow_up_due_at, appeal_status, idempotency_key, request_hash, tracking_code, tracking_secret_hash, last_seq, last_hash, version'),
  caseEvents: t('case_events', 'id, case_id, tenant_id, seq, type, actor_user_id, actor_tenant_id, business_at, recorded_at, payload, prev_hash, hash'),
  caseActivity: t('case_activity', 'id, tenant_id, case_id, kind, on_time, at, day'),
  supervisionOrders: t('supervision_orders', 'id, case_id, tenant_id, issuer_tenant_id, issuer_user_id, reason, respond_by, status, automatic, escalated_from_id, response, responded_at, responded_by, reminders, closed_at, issued_at, version, updated_at'),
  contacts: t('contacts', 'id, tenant_id, channel, external_id, arrived_at, answered_at, abandoned, agent_user_id, case_id, api_key_id, created_at'),
  caseNumberCounters: t('case_number_counters', 'tenant_id, year, last_seq'),
} satisfies Record<string, TableSpec>;

export interface Batch {
  table: TableSpec;
  rows: Cell[][];
}

const ARRAY_ITEM = /^[A-Za-z0-9_]+$/;

/** One value in COPY's text format. */
function field(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
  for (const item of v) if (!ARRAY_ITEM.test(item)) throw new Error(`large seed: array item ${JSON.stringify(item)} needs quoting`);
  return `{${v.join(',')}}`;
}

export function copyText(rows: Cell[][]): string {
  let out = '';
  for (const row of rows) out += `${row.map(field).join('\t')}\n`;
  return out;
}

const copySql = (b: Batch, source: string) => `COPY ${b.table.name} (${b.table.columns.join(', ')}) FROM ${source}`;

/** Writes batches of tables, each call in one transaction; up to `parallel` calls in flight on PostgreSQL. */
export class BulkWriter {
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown = null;
  /** Seconds spent in each table's COPY (summed over connections): where the load's time goes. */
  readonly seconds = new Map<string, number>();

  constructor(
    readonly database: Database,
    readonly parallel: number,
  ) {}

  async #write(batches: Batch[]): Promise<void> {
    const todo = batches.filter((b) => b.rows.length > 0);
    for (const b of todo) {
      const width = b.table.columns.length;
      const bad = b.rows.find((r) => r.length !== width);
      if (bad) throw new Error(`large seed: a ${b.table.name} row has ${bad.length} values for ${width} columns`);
    }
    if (this.database.kind === 'postgres') {
      await this.database.sql!.begin(async (tx) => {
        // A generator's load: losing the last batches to a crash is fine (the run starts over).
        await tx.unsafe('set local synchronous_commit = off');
        // The case-facts trigger's tp_working_days_between is estimated at millions of rows, so with
        // PostgreSQL's default JIT every resolved case would be compiled for ~1 s (the connection
        // is opened with jit=off too; this keeps a writer given another connection safe).
        await tx.unsafe('set local jit = off');
        for (const b of todo) {
          const t0 = performance.now();
          const stream = await tx.unsafe(copySql(b, 'STDIN')).writable();
          await pipeline(Readable.from([Buffer.from(copyText(b.rows))]), stream);
          this.#took(b.table.name, t0);
        }
      });
      return;
    }
    await this.database.pglite!.transaction(async (tx) => {
      for (const b of todo) {
        const t0 = performance.now();
        await tx.query(copySql(b, "'/dev/blob'"), [], { blob: new Blob([copyText(b.rows)]) });
        this.#took(b.table.name, t0);
      }
    });
  }

  #took(table: string, since: number): void {
    this.seconds.set(table, (this.seconds.get(table) ?? 0) + (performance.now() - since) / 1000);
  }

  /** Queues a write; waits while `parallel` writes are in flight. Throws an earlier write's failure. */
  async write(batches: Batch[]): Promise<void> {
    if (this.#failure) throw this.#failure;
    const p: Promise<void> = this.#write(batches).then(
      () => void this.#inFlight.delete(p),
      (err: unknown) => {
        this.#inFlight.delete(p);
        this.#failure ??= err;
      },
    );
    this.#inFlight.add(p);
    const limit = this.database.kind === 'postgres' ? this.parallel : 1;
    while (this.#inFlight.size >= limit) await Promise.race(this.#inFlight);
    if (this.#failure) throw this.#failure;
  }

  /** Waits for every write; throws the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.#inFlight);
    if (this.#failure) throw this.#failure;
  }
}

/**
 * Drops the secondary indexes of `tables` (not primary keys, nothing backing a constraint) and
 * returns how to build them again, with their exact definitions: building an index once over a
 * million rows is far cheaper than keeping it up row by row. Unique indexes are checked as they are
 * rebuilt. Only for a load into tables nothing else is using.
 */
export async function deferIndexes(database: Database, tables: readonly string[]): Promise<{ count: number; rebuild: () => Promise<void> }> {
  const rows = await query<{ name: string; def: string }>(
    database,
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any($1::text[]) and not i.indisprimary
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by 1`,
    [`{${tables.join(',')}}`],
  );
  for (const r of rows) await query(database, `drop index ${r.name}`);
  return {
    count: rows.length,
    async rebuild() {
      if (database.kind === 'postgres') await query(database, `set maintenance_work_mem = '512MB'`);
      for (const r of rows) await query(database, r.def);
    },
  };
}

async function query<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (database.kind === 'postgres') return (await database.sql!.unsafe(text, params as never[])) as unknown as T[];
  return (await database.pglite!.query<T>(text, params)).rows;
}
