import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client for tests: no retries, closes on the first failure. */
export function wsClient(url: string, token: string | null, extra: Partial<Parameters<typeof createClient>[0]> = {}): Client & { closed: Promise<{ code: number; reason: string }> } {
  let closedResolve: (v: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((r) => (closedResolve = r));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    on: { closed: (e) => closedResolve({ code: (e as { code: number }).code, reason: String((e as { reason?: string }).reason ?? '') }) },
    onNonLazyError: () => {},
    ...extra,
  });
  return Object.assign(client, { closed });
}

export interface Subscription<T> {
  items: T[];
  errors: unknown[];
  completed: boolean;
  stop(): void;
  /** Waits (bounded) until `n` items have arrived. */
  until(n: number, ms?: number): Promise<T[]>;
}

/** Subscribes and collects each result's data (the root field's value) and any errors. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const sub: Subscription<T> = {
    items: [],
    errors: [],
    completed: false,
    stop: () => {},
    async until(n, ms = 10_000) {
      const end = Date.now() + ms;
      while (sub.items.length < n && sub.errors.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      return sub.items;
    },
  };
  sub.stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) sub.errors.push(...r.errors);
        if (r.data) sub.items.push(Object.values(r.data)[0] as T);
      },
      error: (e) => sub.errors.push(e),
      complete: () => {
        sub.completed = true;
      },
    },
  );
  return sub;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
