import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ok, startTestApp, type TestApp } from './helpers.js';
import { collect, wsClient } from './live-support.js';

/**
 * Issue 6's "done when", on the demo: the root's supervisor, subscribed over WebSocket, sees a
 * 司法所's report live, then the acknowledgement of the 渝北 level, in order.
 */
let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  const started = await t.app.start(0, '127.0.0.1');
  url = `${started.url.replace(/^http/, 'ws')}/graphql`;
});
afterAll(() => t?.close());

const ALERTS = `subscription { incidentAlerts { cursor kind incident { id place tenant { slug } levels { tenant { slug } acknowledgedAt } } } }`;

describe('live alerts on the demo', () => {
  test('the root supervisor sees a 司法所 report live, then the district level acknowledging it', async () => {
    const supervisor = await t.login('city.supervisor');
    const reporter = await t.login('longxi.staff');
    const district = await t.login('yubei.supervisor');
    const client = wsClient(url, supervisor);
    try {
      const sub = collect(client, ALERTS);
      // Subscribed once the server has answered something on this socket after the subscription.
      await new Promise<void>((resolve, reject) =>
        client.subscribe({ query: '{ viewer { username } }' }, { next: () => {}, error: reject, complete: resolve }),
      );
      const reported = ok(
        await t.gql(
          `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id } } }`,
          {
            i: {
              category: 'MASS_GATHERING',
              severity: 'II',
              occurredAt: new Date(Date.now() - 120_000).toISOString(),
              place: '龙溪街道办事处门口',
              peopleCount: 30,
              description: '群众聚集反映拆迁补偿问题',
              actionsTaken: '已安排调解员现场劝导',
            },
          },
          reporter,
        ),
      ).reportIncident.incident.id as string;
      await sub.until(1);
      expect(sub.errors).toEqual([]);
      expect(sub.items[0]).toMatchObject({ kind: 'REPORTED', incident: { id: reported, place: '龙溪街道办事处门口', tenant: { slug: 'yubei-longxi' } } });
      expect(sub.items[0].incident.levels.map((l: { tenant: { slug: string } }) => l.tenant.slug)).toEqual(['yubei', 'cq']);

      ok(await t.gql('mutation($id: ID!) { acknowledgeIncident(input: { id: $id }) { incident { id } } }', { id: reported }, district));
      await sub.until(2);
      expect(sub.items.map((a) => a.kind)).toEqual(['REPORTED', 'ACKNOWLEDGED']);
      expect(Number(sub.items[1].cursor)).toBeGreaterThan(Number(sub.items[0].cursor));
      const yubeiLevel = sub.items[1].incident.levels.find((l: { tenant: { slug: string } }) => l.tenant.slug === 'yubei');
      expect(yubeiLevel.acknowledgedAt).not.toBeNull();
    } finally {
      await client.dispose();
    }
  });
});
