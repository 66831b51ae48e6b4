import { describe, expect, test } from 'vitest';
import { mergeNotices } from './NotificationBell.js';
import { applyAlert, BANNER_TTL_MS, type BannerEntry, type LiveAlert, type LiveNotice, pruneBoard, UnreadCounter } from './state.js';

const ROOT = 'T-cq';
const DISTRICT = 'T-yubei';
const NOW = Date.parse('2026-11-29T08:00:00Z');

function alert(cursor: string, kind: LiveAlert['kind'], incidentId: string, opts: { rootAcked?: boolean; status?: 'OPEN' | 'RESOLVED'; at?: number } = {}): LiveAlert {
  return {
    cursor,
    kind,
    at: new Date(opts.at ?? NOW).toISOString(),
    level: null,
    incident: {
      id: incidentId,
      category: 'MASS_GATHERING',
      severity: 'II',
      place: '龙溪街道',
      peopleCount: 30,
      occurredAt: new Date(NOW).toISOString(),
      reportedAt: new Date(NOW).toISOString(),
      status: opts.status ?? 'OPEN',
      tenant: { id: 'T-longxi', name: '渝北区龙溪司法所' },
      levels: [
        { depth: 1, ackDueAt: '', acknowledgedAt: null, overdue: false, tenant: { id: DISTRICT, name: '渝北' } },
        { depth: 2, ackDueAt: '', acknowledgedAt: opts.rootAcked ? new Date(NOW).toISOString() : null, overdue: false, tenant: { id: ROOT, name: '市局' } },
      ],
    },
  };
}

const ids = (b: BannerEntry[]) => b.map((e) => e.incidentId);

describe('the alert banner', () => {
  test('a report shows for a level that has to acknowledge it, newest first, one entry per incident', () => {
    let b = applyAlert([], alert('1', 'REPORTED', 'A'), ROOT);
    b = applyAlert(b, alert('2', 'REPORTED', 'B'), ROOT);
    expect(ids(b)).toEqual(['B', 'A']);
    b = applyAlert(b, alert('3', 'UPDATED', 'A'), ROOT);
    expect(ids(b)).toEqual(['A', 'B']);
    expect(b[0]!.alert.cursor).toBe('3');
  });

  test("the viewer's level acknowledging takes it off; another level's acknowledgement does not", () => {
    let b = applyAlert([], alert('1', 'REPORTED', 'A'), ROOT);
    // The district acknowledged: the root still has to.
    b = applyAlert(b, alert('2', 'ACKNOWLEDGED', 'A'), ROOT);
    expect(ids(b)).toEqual(['A']);
    b = applyAlert(b, alert('3', 'ACKNOWLEDGED', 'A', { rootAcked: true }), ROOT);
    expect(ids(b)).toEqual([]);
  });

  test('a resolved incident leaves; a tenant that is not one of its levels never sees it on the banner', () => {
    let b = applyAlert([], alert('1', 'REPORTED', 'A'), ROOT);
    b = applyAlert(b, alert('2', 'RESOLVED', 'A', { status: 'RESOLVED' }), ROOT);
    expect(b).toEqual([]);
    expect(applyAlert([], alert('1', 'REPORTED', 'A'), 'T-longxi')).toEqual([]);
  });

  test('dismissed and expired entries are pruned', () => {
    let b = applyAlert([], alert('1', 'REPORTED', 'OLD', { at: NOW - BANNER_TTL_MS - 1 }), ROOT);
    b = applyAlert(b, alert('2', 'REPORTED', 'NEW'), ROOT);
    b = applyAlert(b, alert('3', 'REPORTED', 'GONE'), ROOT);
    expect(ids(pruneBoard(b, NOW, new Set(['GONE'])))).toEqual(['NEW']);
  });
});

const notice = (cursor: string, read = false): LiveNotice => ({ id: `n${cursor}`, cursor, kind: 'TRANSFER_RECEIVED', title: '', read, createdAt: '', case: null });

describe('the unread count', () => {
  test('starts from the server count and adds unread notices after its cursor, each once', () => {
    const c = new UnreadCounter();
    c.reset(3, '10');
    expect(c.count).toBe(3);
    expect(c.add(notice('9'))).toBe(false); // already in the count (a replay from an older cursor)
    expect(c.add(notice('10'))).toBe(false);
    expect(c.add(notice('11'))).toBe(true);
    expect(c.add(notice('11'))).toBe(false); // the same notice again (reconnect overlap)
    expect(c.add(notice('12', true))).toBe(true); // read already: not counted
    expect(c.count).toBe(4);
  });

  test('a fresh server count keeps the notices that arrived after its snapshot', () => {
    const c = new UnreadCounter();
    c.reset(0, null);
    c.add(notice('5'));
    c.add(notice('6'));
    c.add(notice('8'));
    expect(c.count).toBe(3);
    // The list was read when notice 6 was the newest: its count (2) includes 5 and 6, not 8.
    c.reset(2, '6');
    expect(c.count).toBe(3);
    // Marking read: the server's answer is the truth.
    c.set(0);
    expect(c.count).toBe(0);
    c.add(notice('8'));
    expect(c.count).toBe(0);
    c.add(notice('9'));
    expect(c.count).toBe(1);
  });

  test('with no head (the first read failed), every unread notice counts', () => {
    const c = new UnreadCounter();
    c.add(notice('1'));
    c.add(notice('2'));
    expect(c.count).toBe(2);
  });
});

describe('the bell list', () => {
  test('live notices on top of the list read, newest first, each once', () => {
    expect(mergeNotices([notice('3'), notice('2')], [notice('4'), notice('3', true)]).map((n) => n.cursor)).toEqual(['4', '3', '2']);
  });
});
