import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/client.js';

/** Prometheus metrics, served on a separate listener bound to METRICS_HOST (loopback by default). */
export function createMetrics(database: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tianping_' });
  const requests = new Counter({
    name: 'tianping_graphql_requests_total',
    help: 'GraphQL requests by operation type and outcome',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tianping_graphql_request_duration_seconds',
    help: 'GraphQL request latency',
    labelNames: ['operation_type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'tianping_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const openSockets = new Gauge({
    name: 'tianping_open_sockets',
    help: 'Open client sockets by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'tianping_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = database.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'in_use' }, s.inUse);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  const liveMessages = new Counter({
    name: 'tianping_live_messages_total',
    help: 'Live subscription results handed to subscribers, by feed',
    labelNames: ['feed'] as const,
    registers: [registry],
  });
  return { registry, requests, duration, errors, openSockets, liveMessages };
}

export type Metrics = ReturnType<typeof createMetrics>;
