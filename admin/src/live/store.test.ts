import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { LiveStore } from './store.js';

/** The store with the real graphql-ws client over a minimal fake socket: unread counting and the banner, end to end. */
class Sock {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static last: Sock | null = null;
  readyState = 0;
  subs: { id: string; payload: { query: string; variables: Record<string, string> } }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    Sock.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    }, 0);
  }
  send(data: string) {
    const m = JSON.parse(data);
    if (m.type === 'connection_init') setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) }), 0);
    if (m.type === 'subscribe') this.subs.push(m);
  }
  close(code = 1000) {
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason: '' }), 0);
  }
  emit(field: string, item: unknown) {
    const sub = this.subs.find((s) => s.payload.query.includes(field))!;
    this.onmessage?.({ data: JSON.stringify({ type: 'next', id: sub.id, payload: { data: { [field]: item } } }) });
  }
}

const store = new LiveStore();
afterEach(() => store.stop());

const notice = (cursor: string, read = false) => ({ id: `n${cursor}`, cursor, kind: 'TRANSFER_RECEIVED', title: `转办 ${cursor}`, read, createdAt: '', case: null });

describe('the live store', () => {
  test('open incidents read at sign-in that await the viewer\'s level are on the banner before any alert; others are not', () => {
    const level = (tenant: string, acknowledgedAt: string | null) => ({ depth: 1, ackDueAt: '', acknowledgedAt, overdue: false, tenant: { id: tenant, name: '' } });
    const open = (id: string, reportedAt: string, levels: ReturnType<typeof level>[]) => ({
      cursor: '',
      kind: 'REPORTED' as const,
      at: reportedAt,
      level: null,
      incident: { id, category: 'OTHER', severity: 'II', place: 'p', peopleCount: 1, occurredAt: reportedAt, reportedAt, status: 'OPEN' as const, tenant: null, levels },
    });
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    store.start({
      url: 'ws://x/graphql',
      token: () => 't',
      userId: 'U2',
      tenantId: 'T-root',
      head: { unread: 0, cursor: null, alerts: '90' },
      backlog: [open('older', at(30), [level('T-root', null)]), open('newer', at(5), [level('T-yubei', null), level('T-root', null)]), open('acked', at(10), [level('T-root', at(8))]), open('below', at(3), [level('T-other', null)])],
      onForbidden: () => {},
      createClient: (o) => createClient({ ...o, webSocketImpl: Sock }),
      retryWait: async () => {},
    });
    expect(store.getSnapshot().banner.map((e) => e.incidentId)).toEqual(['newer', 'older']);
  });

  test('the unread count rises with live notices after the head, and the banner gets new alerts', async () => {
    const shown: string[] = [];
    store.start({
      url: 'ws://x/graphql',
      token: () => 't',
      userId: 'U1',
      tenantId: 'T-root',
      head: { unread: 2, cursor: '40' },
      onForbidden: () => {},
      onNewAlert: (a) => shown.push(a.incident!.id),
      createClient: (o) => createClient({ ...o, webSocketImpl: Sock }),
      retryWait: async () => {},
    });
    expect(store.getSnapshot().unread).toBe(2);
    await vi.waitFor(() => expect(Sock.last?.subs).toHaveLength(2));
    const notices = Sock.last!.subs.find((s) => s.payload.query.includes('notificationAdded'))!;
    expect(notices.payload.variables).toEqual({ after: '40' });
    Sock.last!.emit('notificationAdded', notice('41'));
    Sock.last!.emit('notificationAdded', notice('41'));
    Sock.last!.emit('notificationAdded', notice('42', true));
    await vi.waitFor(() => expect(store.getSnapshot().recent).toHaveLength(2));
    expect(store.getSnapshot().unread).toBe(3);

    const incident = { id: 'I1', category: 'OTHER', severity: 'I', place: 'p', peopleCount: 3, occurredAt: '', reportedAt: '', status: 'OPEN', tenant: null, levels: [{ depth: 1, ackDueAt: '', acknowledgedAt: null, overdue: false, tenant: { id: 'T-root', name: '' } }] };
    Sock.last!.emit('incidentAlerts', { cursor: '7', kind: 'REPORTED', at: new Date().toISOString(), level: null, incident });
    await vi.waitFor(() => expect(store.getSnapshot().banner).toHaveLength(1));
    expect(shown).toEqual(['I1']);
    // An update to the same incident is not a new desktop notification.
    Sock.last!.emit('incidentAlerts', { cursor: '8', kind: 'UPDATED', at: new Date().toISOString(), level: null, incident });
    await vi.waitFor(() => expect(store.getSnapshot().banner[0]!.alert.cursor).toBe('8'));
    expect(shown).toEqual(['I1']);
    store.dismiss('I1');
    expect(store.getSnapshot().banner).toEqual([]);

    store.markedRead(0, 'all');
    expect(store.getSnapshot().unread).toBe(0);
    expect(store.getSnapshot().recent.every((n) => n.read)).toBe(true);
  });
});

describe('the connection lifetime', () => {
  test('a remount for the same user keeps the connection; a release alone stops it after the grace; another user restarts', async () => {
    const s = new LiveStore();
    let starts = 0;
    const start = () => {
      starts++;
    };
    const release1 = s.retain('U1', start, 20);
    release1();
    const release2 = s.retain('U1', start, 20); // remounted within the grace
    expect(starts).toBe(1);
    expect(s.holds('U1')).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(s.holds('U1')).toBe(true);
    release2();
    await vi.waitFor(() => expect(s.holds('U1')).toBe(false));
    s.retain('U1', start, 20);
    s.retain('U2', start, 20);
    expect(starts).toBe(3);
    expect(s.holds('U2')).toBe(true);
    s.stop();
  });
});
