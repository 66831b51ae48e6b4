import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FORBIDDEN_CLOSE, type LiveConnection, type LiveStatus, readCursors, startLiveConnection } from './connection.js';
import type { LiveAlert, LiveNotice } from './state.js';

/**
 * The live connection against the real graphql-ws client over a fake WebSocket that plays the
 * server: it acknowledges connection_init, records subscriptions, and lets a test push results,
 * complete a stream or close the socket.
 */
type Msg = { type: string; id?: string; payload?: any };

class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static all: FakeSocket[] = [];
  /** How the next socket answers connection_init: ack, or a close code. */
  static answer: 'ack' | number = 'ack';
  readyState = 0;
  sent: Msg[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }
  send(data: string) {
    const m = JSON.parse(data) as Msg;
    this.sent.push(m);
    if (m.type === 'connection_init') {
      const answer = FakeSocket.answer;
      setTimeout(() => (answer === 'ack' ? this.push({ type: 'connection_ack' }) : this.close(answer, 'Forbidden: token expired')), 0);
    }
  }
  close(code = 1000, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: true }), 0);
  }
  // The server's side.
  push(m: Msg) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  subscriptions(field: string) {
    return this.sent.filter((m) => m.type === 'subscribe' && (m.payload.query as string).includes(field));
  }
  subscription(field: string) {
    const s = this.subscriptions(field).at(-1);
    if (!s) throw new Error(`no ${field} subscription on this socket`);
    return s;
  }
  emit(field: string, item: unknown) {
    this.push({ type: 'next', id: this.subscription(field).id, payload: { data: { [field]: item } } });
  }
}

const alert = (cursor: string, id = `inc-${cursor}`): LiveAlert => ({
  cursor,
  kind: 'REPORTED',
  at: new Date().toISOString(),
  level: null,
  incident: { id, category: 'OTHER', severity: 'III', place: 'x', peopleCount: 1, occurredAt: '', reportedAt: '', status: 'OPEN', tenant: null, levels: [] },
});
const notice = (cursor: string, read = false): LiveNotice => ({ id: `n-${cursor}`, cursor, kind: 'TRANSFER_RECEIVED', title: 't', read, createdAt: '', case: null });

const until = async (check: () => boolean, what = 'a condition') => {
  await vi.waitFor(() => {
    if (!check()) throw new Error(`waiting for ${what}`);
  }, { timeout: 3000, interval: 5 });
};

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

let connection: LiveConnection | null = null;
afterEach(() => {
  connection?.stop();
  connection = null;
  FakeSocket.all = [];
  FakeSocket.answer = 'ack';
});

function start(extra: Partial<Parameters<typeof startLiveConnection>[0]> = {}) {
  const got = { alerts: [] as LiveAlert[], notices: [] as LiveNotice[], statuses: [] as LiveStatus[], forbidden: 0 };
  connection = startLiveConnection({
    url: 'ws://test/graphql',
    token: () => 'tok',
    storageKey: 'cursors',
    onAlert: (a) => got.alerts.push(a),
    onNotice: (n) => got.notices.push(n),
    onStatus: (s) => got.statuses.push(s),
    onForbidden: () => got.forbidden++,
    createClient: (o) => createClient({ ...o, webSocketImpl: FakeSocket }),
    retryWait: async () => {},
    resubscribeWait: async () => {},
    ...extra,
  });
  return got;
}

const socket = (i: number) => FakeSocket.all[i]!;

describe('the live connection', () => {
  test('signs in with the token, subscribes both streams from now, then from the stored cursors', async () => {
    const got = start();
    await until(() => FakeSocket.all.length === 1 && socket(0).subscriptions('notificationAdded').length === 1 && socket(0).subscriptions('incidentAlerts').length === 1, 'both subscriptions');
    expect(socket(0).sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer tok' } });
    // No cursor known: `after` is left out ("from now").
    expect(socket(0).subscription('incidentAlerts').payload.variables).toEqual({});
    expect(got.statuses).toContain('live');

    const storage = new MemoryStorage();
    storage.setItem('mine', JSON.stringify({ alerts: '41', notices: '7' }));
    connection!.stop();
    start({ storage, storageKey: 'mine' });
    await until(() => FakeSocket.all.length === 2 && socket(1).subscriptions('notificationAdded').length === 1 && socket(1).subscriptions('incidentAlerts').length === 1);
    expect(socket(1).subscription('incidentAlerts').payload.variables).toEqual({ after: '41' });
    expect(socket(1).subscription('notificationAdded').payload.variables).toEqual({ after: '7' });
  });

  test('starts notices and alerts after the heads read at sign-in when nothing is stored', async () => {
    start({ noticesAfter: '12', alertsAfter: '30' });
    await until(() => FakeSocket.all.length === 1 && socket(0).subscriptions('notificationAdded').length === 1 && socket(0).subscriptions('incidentAlerts').length === 1);
    expect(socket(0).subscription('notificationAdded').payload.variables).toEqual({ after: '12' });
    expect(socket(0).subscription('incidentAlerts').payload.variables).toEqual({ after: '30' });
    // No alert yet, the socket drops: the resubscription still asks from the head (nothing lost meanwhile).
    socket(0).close(1006, 'gone');
    await until(() => FakeSocket.all.length === 2 && socket(1).subscriptions('incidentAlerts').length === 1, 'the resubscription');
    expect(socket(1).subscription('incidentAlerts').payload.variables).toEqual({ after: '30' });
  });

  test('keeps the last cursor in memory and storage, and resubscribes from it after a reconnect', async () => {
    const storage = new MemoryStorage();
    const got = start({ storage });
    await until(() => FakeSocket.all.length === 1 && socket(0).subscriptions('incidentAlerts').length === 1 && socket(0).subscriptions('notificationAdded').length === 1);
    socket(0).emit('incidentAlerts', alert('5'));
    socket(0).emit('incidentAlerts', alert('9'));
    socket(0).emit('notificationAdded', notice('3'));
    await until(() => got.alerts.length === 2 && got.notices.length === 1);
    expect(connection!.cursors()).toEqual({ alerts: '9', notices: '3' });
    expect(readCursors(storage, 'cursors')).toEqual({ alerts: '9', notices: '3' });

    // The socket drops (not a 4403): the client reconnects by itself and asks from the last cursors.
    socket(0).close(1006, 'gone');
    await until(() => got.statuses.includes('reconnecting'), 'reconnecting');
    await until(() => FakeSocket.all.length === 2 && socket(1).subscriptions('incidentAlerts').length === 1 && socket(1).subscriptions('notificationAdded').length === 1, 'the resubscription');
    expect(socket(1).subscription('incidentAlerts').payload.variables).toEqual({ after: '9' });
    expect(socket(1).subscription('notificationAdded').payload.variables).toEqual({ after: '3' });
    await until(() => got.statuses.at(-1) === 'live');

    // The replay overlaps what arrived live: each item is delivered once.
    socket(1).emit('incidentAlerts', alert('9'));
    socket(1).emit('incidentAlerts', alert('5'));
    socket(1).emit('incidentAlerts', alert('12'));
    await until(() => connection!.cursors().alerts === '12');
    expect(got.alerts.map((a) => a.cursor)).toEqual(['5', '9', '12']);
  });

  test('a RESUBSCRIBE error (a slow consumer) subscribes again from the last cursor on the same socket', async () => {
    const got = start();
    await until(() => FakeSocket.all.length === 1 && socket(0).subscriptions('incidentAlerts').length === 1 && socket(0).subscriptions('notificationAdded').length === 1);
    socket(0).emit('incidentAlerts', alert('20'));
    await until(() => got.alerts.length === 1);
    const first = socket(0).subscription('incidentAlerts');
    socket(0).push({ type: 'next', id: first.id, payload: { errors: [{ message: 'too far behind', extensions: { code: 'RESUBSCRIBE' } }] } });
    socket(0).push({ type: 'complete', id: first.id });
    await until(() => socket(0).subscriptions('incidentAlerts').length === 2, 'a second subscription');
    expect(socket(0).subscription('incidentAlerts').payload.variables).toEqual({ after: '20' });
    expect(socket(0).subscription('incidentAlerts').id).not.toBe(first.id);
    expect(FakeSocket.all).toHaveLength(1);
    expect(got.alerts.map((a) => a.cursor)).toEqual(['20']);
  });

  test('a stale stored cursor the server refuses is dropped: the stream starts again from now', async () => {
    const storage = new MemoryStorage();
    storage.setItem('cursors', JSON.stringify({ alerts: '99', notices: null }));
    start({ storage });
    await until(() => FakeSocket.all.length === 1 && socket(0).subscriptions('incidentAlerts').length === 1);
    const first = socket(0).subscription('incidentAlerts');
    socket(0).push({ type: 'next', id: first.id, payload: { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] } });
    socket(0).push({ type: 'complete', id: first.id });
    await until(() => socket(0).subscriptions('incidentAlerts').length === 2);
    expect(socket(0).subscription('incidentAlerts').payload.variables).toEqual({});
  });

  test('a 4403 close is not retried: the app is told to sign out, once, and the status is stopped', async () => {
    const got = start();
    await until(() => FakeSocket.all.length === 1 && got.statuses.includes('live'));
    socket(0).close(FORBIDDEN_CLOSE, 'Forbidden: token expired');
    await until(() => got.forbidden === 1, 'the sign-out');
    // Give a retry every chance to happen.
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeSocket.all).toHaveLength(1);
    expect(got.forbidden).toBe(1);
    expect(connection!.status()).toBe('stopped');
  });

  test('a 4403 at connection_init (token already refused) signs out without retrying', async () => {
    FakeSocket.answer = FORBIDDEN_CLOSE;
    const got = start();
    await until(() => got.forbidden === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeSocket.all).toHaveLength(1);
  });

  test('other closes are retried with the current token', async () => {
    let token = 'one';
    const got = start({ token: () => token });
    await until(() => FakeSocket.all.length === 1 && got.statuses.includes('live'));
    token = 'two';
    socket(0).close(1011, 'Internal error');
    await until(() => FakeSocket.all.length === 2 && socket(1).sent.length > 0);
    expect(socket(1).sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer two' } });
    expect(got.forbidden).toBe(0);
  });

  test('stop closes the socket and nothing reconnects', async () => {
    const got = start();
    await until(() => FakeSocket.all.length === 1 && got.statuses.includes('live') && socket(0).subscriptions('notificationAdded').length === 1);
    connection!.stop();
    await until(() => socket(0).readyState === 3, 'the socket closed');
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeSocket.all).toHaveLength(1);
    expect(got.statuses.at(-1)).toBe('stopped');
  });
});
