import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../server/db/client.js';
import { ALERTS_CHANNEL, createNotifier } from '../server/db/notifier.js';
import { backend, ok, startTestApp, type TestApp } from './helpers.js';

/**
 * Alerts wake listeners through Postgres NOTIFY sent in the writing transaction (DESIGN.md "Events
 * out"): a committed report is heard with its alert's number, a rolled-back one never, and on
 * PostgreSQL every server instance hears it. (The rows stay the truth; live delivery builds on this.)
 */

let t: TestApp;
let token: string;
const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id } } }`;
const input = (place: string) => ({
  category: 'OFFICE_DISRUPTION',
  severity: 'IV',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  place,
  peopleCount: 2,
  description: '测试：门口聚集',
  actionsTaken: '已劝离',
});

/** Waits (bounded) until `heard` has `n` entries. */
async function until(heard: string[], n: number, ms = 10_000) {
  const end = Date.now() + ms;
  while (heard.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

async function latestSeq(): Promise<string> {
  const admin = await t.login('city.admin');
  const all = ok(await t.gql('{ incidentAlertsSince { cursor } }', {}, admin)).incidentAlertsSince as { cursor: string }[];
  return all.at(-1)!.cursor;
}

beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('longxi.staff');
});
afterAll(() => t?.close());

describe('NOTIFY from the writing transaction', () => {
  test('a committed report is heard, with its alert number; a rolled-back one never is', async () => {
    const heard: string[] = [];
    const stop = await createNotifier(t.database).subscribe(ALERTS_CHANNEL, (p) => heard.push(p));
    try {
      // Rolled back: the second field fails, so the whole mutation changes nothing.
      const failed = await t.gql(
        `mutation($i: ReportIncidentInput!) { a: reportIncident(input: $i) { incident { id } } b: acknowledgeIncident(input: { id: "bm90LWFuLWlk" }) { incident { id } } }`,
        { i: input('NOTIFY-ROLLED-BACK') },
        token,
      );
      expect(failed.errors?.length).toBeGreaterThan(0);
      ok(await t.gql(REPORT, { i: input('NOTIFY-COMMITTED') }, token));
      await until(heard, 1);
      // Delivered in commit order: had the rolled-back one been sent, it would have come first.
      expect(heard).toEqual([await latestSeq()]);
    } finally {
      await stop();
    }
  });
});

describe.skipIf(backend === 'pglite')('every instance hears it (PostgreSQL)', () => {
  let other: Database;
  beforeAll(async () => {
    other = await openDatabase(t.config);
  });
  afterAll(() => other?.close());

  test('a report through one instance wakes the listener of another', async () => {
    const heard: string[] = [];
    const stop = await createNotifier(other).subscribe(ALERTS_CHANNEL, (p) => heard.push(p));
    try {
      ok(await t.gql(REPORT, { i: input('NOTIFY-OTHER-INSTANCE') }, token));
      await until(heard, 1);
      expect(heard).toEqual([await latestSeq()]);
    } finally {
      await stop();
    }
  });
});
