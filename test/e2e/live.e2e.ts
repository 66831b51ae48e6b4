/**
 * Live alerts and notifications in headless Debian Chromium against the server in-process on a
 * PGlite copy of the demo. Two browser contexts (tokens live in localStorage): the root's
 * supervisor, idle, sees a 龙溪司法所 report as a banner (and a silent desktop notification) within
 * seconds (the latency is printed), acknowledges it and the banner leaves; the socket is cut, an
 * alert is raised meanwhile, and it arrives after the client reconnects by itself from its cursor.
 * 龙溪's staff see the unread count rise live when a case is transferred to their tenant, open
 * the bell and the case. The second context uses the browser's own WebSocket under the admin CSP
 * (connect-src 'self'): no CSP refusal. Screenshots: .tmp/e2e/live-*.png.
 */
import type { BrowserContext, Page, WebSocket, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ok } from '../helpers.js';
import { executablePath, useBrowserSuite } from './browser.js';

const REPORT = `mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { incident { id } } }`;
const report = (place: string) => ({
  i: {
    category: 'MASS_GATHERING',
    severity: 'II',
    occurredAt: new Date(Date.now() - 120_000).toISOString(),
    place,
    peopleCount: 30,
    description: '群众聚集反映拆迁补偿问题',
    actionsTaken: '已安排调解员现场劝导',
  },
});

describe.skipIf(!executablePath)('live alerts and notifications in Chromium', () => {
  // One browser, two contexts: the supervisor's (the first) and the staff's.
  const b = useBrowserSuite({ persistent: false, timezoneId: 'America/New_York', shots: 'live-' });
  let supervisorContext: BrowserContext;
  let staffContext: BrowserContext;

  beforeAll(async () => {
    supervisorContext = b.context;
    staffContext = await b.newContext();
    // Desktop notifications already allowed for the supervisor: record what the app shows.
    await supervisorContext.grantPermissions(['notifications'], { origin: b.base });
    await supervisorContext.addInitScript(() => {
      const shown: { title: string; body?: string; silent?: boolean | null }[] = [];
      (window as unknown as { __notifications: typeof shown }).__notifications = shown;
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body, silent: options?.silent });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
    });
  });

  const liveStatus = (page: Page) => page.getByTestId('live-status').getAttribute('data-status');
  const unread = async (page: Page) => Number(await page.getByTestId('live-unread').getAttribute('data-count'));

  test('the root supervisor sees a 司法所 report live, acknowledges it, and catches up after a disconnect', async () => {
    // The supervisor's socket goes through a route that can cut it and refuse reconnections, and
    // that records what the page subscribes with.
    let offline = false;
    const routes: WebSocketRoute[] = [];
    const subscribes: { query: string; variables?: Record<string, unknown> }[] = [];
    const page = await b.page({ context: supervisorContext });
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (offline) return ws.close({ code: 1012, reason: 'Service Restart' });
      routes.push(ws);
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const m = JSON.parse(String(message));
        if (m.type === 'subscribe') subscribes.push(m.payload);
        server.send(message);
      });
      ws.onClose(() => server.close());
    });

    await b.signIn(page, 'city.supervisor');
    await expect.poll(() => liveStatus(page), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => subscribes.filter((s) => s.query.includes('incidentAlerts')).length, { timeout: 15_000 }).toBe(1);
    // What awaited the root before this sign-in is on the banner at once (the demo's open incidents),
    // and the alert stream starts from the newest alert the root could see (nothing lost before the first).
    const root = await b.t.login('city.supervisor');
    const before = ok(await b.t.gql('{ incidentAlertsHead incidents(status: [OPEN], first: 50) { edges { node { id levels { acknowledgedAt tenant { slug } } } } } }', {}, root));
    const awaiting = (before.incidents.edges as { node: { id: string; levels: { acknowledgedAt: string | null; tenant: { slug: string } }[] } }[])
      .filter(({ node }) => node.levels.some((l) => l.tenant.slug === 'cq' && !l.acknowledgedAt))
      .map(({ node }) => node.id);
    await expect.poll(() => page.getByTestId('live-alert').count(), { timeout: 10_000 }).toBe(awaiting.length);
    for (const id of awaiting) expect(await page.locator(`[data-testid="live-alert"][data-incident="${id}"]`).count()).toBe(1);
    expect(subscribes.find((s) => s.query.includes('incidentAlerts'))!.variables?.after).toBe(before.incidentAlertsHead);

    // 龙溪司法所 reports; the banner shows at the root within a few seconds.
    const reporter = await b.t.login('longxi.staff');
    const started = Date.now();
    const first = ok(await b.t.gql(REPORT, report('龙溪街道办事处门口'), reporter)).reportIncident.incident.id as string;
    const committed = Date.now();
    const banner = page.locator(`[data-testid="live-alert"][data-incident="${first}"]`);
    await banner.waitFor({ timeout: 10_000 });
    const seen = Date.now();
    console.log(`live alert: banner ${seen - committed} ms after the report committed (${seen - started} ms after it was sent)`);
    expect(seen - committed).toBeLessThan(5_000);
    expect(await banner.textContent()).toContain('龙溪街道办事处门口');
    expect(await banner.textContent()).toContain('渝北区龙溪司法所');
    // The desktop notification: permission was granted, so one was shown, silent.
    const shown = await page.evaluate(() => (window as unknown as { __notifications: { title: string; silent?: boolean }[] }).__notifications);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ silent: true });
    expect(shown[0]!.title).toContain('重大情况报告');
    await b.shot(page, 'alert');

    // The link goes to the incident (the supervision module's `incidents` resource).
    expect(await banner.getByRole('link', { name: '查看' }).getAttribute('href')).toBe(`/admin/incidents/${encodeURIComponent(first)}/show`);

    // Acknowledge: the banner leaves, and the server has the root level acknowledged.
    await banner.getByRole('button', { name: '确认收到' }).click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    const supervisor = await b.t.login('city.supervisor');
    const node = ok(await b.t.gql('query($id: ID!) { node(id: $id) { ... on Incident { levels { tenant { slug } acknowledgedAt } } } }', { id: first }, supervisor)).node;
    expect(node.levels.find((l: { tenant: { slug: string } }) => l.tenant.slug === 'cq').acknowledgedAt).not.toBeNull();
    const cursorAfterFirst = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('tianping-live-cursors:'))?.[1]);
    const cursors = JSON.parse(cursorAfterFirst ?? '{}') as { alerts?: string };
    expect(Number(cursors.alerts)).toBeGreaterThan(0);

    // Cut the socket and refuse reconnections for a moment: the dot says reconnecting.
    offline = true;
    const subscribedBefore = subscribes.filter((s) => s.query.includes('incidentAlerts')).length;
    await routes.at(-1)!.close({ code: 1012, reason: 'Service Restart' });
    await expect.poll(() => liveStatus(page), { timeout: 10_000 }).toBe('reconnecting');
    await b.shot(page, 'reconnecting', { fullPage: false });

    // An alert is raised while disconnected ...
    const second = ok(await b.t.gql(REPORT, report('龙溪农贸市场'), reporter)).reportIncident.incident.id as string;
    expect(await page.locator(`[data-incident="${second}"]`).count()).toBe(0);
    // ... and arrives after the client reconnects by itself, resubscribed from its last cursor.
    offline = false;
    await page.locator(`[data-testid="live-alert"][data-incident="${second}"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => liveStatus(page), { timeout: 10_000 }).toBe('live');
    const resubscribed = subscribes.filter((s) => s.query.includes('incidentAlerts')).slice(subscribedBefore);
    expect(resubscribed.length).toBeGreaterThan(0);
    // The last cursor it had seen: the acknowledgement's alert (after the report's).
    expect(Number(resubscribed[0]!.variables?.after)).toBeGreaterThanOrEqual(Number(cursors.alerts));
    // Nothing twice: one banner for the second incident, none for the acknowledged first.
    expect(await page.locator(`[data-incident="${second}"]`).count()).toBe(1);
    expect(await page.locator(`[data-incident="${first}"]`).count()).toBe(0);
    await b.shot(page, 'catch-up');

    // English: the banner and the dot are translated.
    await page.getByRole('button', { name: /语言|简体中文|Language/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Acknowledge' }).first().waitFor();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('aria-label'), { timeout: 10_000 }).toBe('Live updates connected');
    // The language switch remounts the layout: the same socket stays (no new subscription).
    expect(subscribes.filter((s) => s.query.includes('incidentAlerts')).length).toBe(subscribedBefore + resubscribed.length);
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();

    expect(b.problems).toEqual([]);
    await page.close();
  });

  test('a transfer to 龙溪司法所 raises its staff’s unread count live; the bell lists it and opens the case', async () => {
    // This context uses the browser's own WebSocket: the admin CSP must let it through.
    const page = await b.page({ context: staffContext });
    const sockets: WebSocket[] = [];
    page.on('websocket', (ws) => sockets.push(ws));
    await b.signIn(page, 'longxi.staff');
    await expect.poll(() => liveStatus(page), { timeout: 15_000 }).toBe('live');
    const before = await unread(page);

    // 渝北区司法局 opens a case and transfers it to 龙溪司法所.
    const yubei = await b.t.login('yubei.staff');
    const longxi = await b.t.login('longxi.staff');
    const tenantId = ok(await b.t.gql('{ viewer { tenant { id } } }', {}, longxi)).viewer.tenant.id as string;
    const CASE = 'id number version';
    const opened = ok(
      await b.t.gql(`mutation($i: OpenCaseInput!) { openCase(input: $i) { case { ${CASE} } } }`, { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: '相邻关系纠纷咨询（e2e live）', strategy: 'ANSWER' } }, yubei),
    ).openCase.case;
    ok(
      await b.t.gql(`mutation($i: TransferCaseInput!) { transferCase(input: $i) { case { ${CASE} } } }`, { i: { id: opened.id, version: opened.version, toTenantId: tenantId, reason: '当事人住所地在龙溪' } }, yubei),
    );

    await expect.poll(() => unread(page), { timeout: 10_000 }).toBe(before + 1);
    await page.getByTestId('live-bell').click();
    const item = page.getByTestId('live-notification').filter({ hasText: opened.number });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.textContent()).toContain('收到转办');
    await b.shot(page, 'notifications');

    // A click marks it read and opens the case.
    await item.click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain(`/admin/cases/${encodeURIComponent(opened.id)}/show`);
    await expect.poll(() => unread(page), { timeout: 10_000 }).toBe(before);
    const left = ok(await b.t.gql('{ unreadNotificationCount }', {}, longxi)).unreadNotificationCount;
    expect(left).toBe(before);
    // One socket all along.
    expect(sockets.filter((ws) => !ws.isClosed())).toHaveLength(1);

    // Signing out closes it.
    await page.getByRole('button', { name: '个人' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => sockets.filter((ws) => !ws.isClosed()).length, { timeout: 10_000 }).toBe(0);

    expect(b.problems).toEqual([]);
    await page.close();
  });
});
