/**
 * Supervisors' screens in headless Chromium against the demo (in-process server on PGlite):
 * yubei.supervisor's dashboard with charts, the overdue queue, a supervision order issued on a
 * case below, answered by the handling tenant's staff and closed by the supervisor; longxi.staff
 * reports an incident and yubei.supervisor acknowledges it for the district level from the list.
 * Screenshots: .tmp/e2e/supervision-*.png.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { executablePath, useBrowserSuite } from './browser.js';

/** Who answers for each tenant below 渝北区司法局 in the demo (README "Demo logins"). */
const STAFF_OF: Record<string, string> = { 渝北区龙溪司法所: 'longxi.staff', 渝北区法律援助中心: 'yubei.legalaid.staff' };

describe.skipIf(!executablePath)('supervisors’ screens in Chromium', () => {
  const b = useBrowserSuite({ timezoneId: 'America/New_York', shots: 'supervision-' }); // dates must still show in Asia/Shanghai
  const { open, shot } = b;
  const reason = `请于期限内办结并回复（e2e ${Date.now() % 100000}）`;
  let target: { id: string; number: string; handler: string; staff: string };

  beforeAll(async () => {
    // A case yubei.supervisor may supervise: handled by a tenant below the district, overdue if any.
    const token = await b.t.login('yubei.supervisor');
    const find = async (overdue: boolean) => {
      const r = await b.t.gql<{ cases: { edges: { node: { id: string; number: string; handlerTenant: { name: string } | null } }[] } }>(
        `query($overdue: Boolean) { cases(first: 100, scope: VISIBLE, overdue: $overdue, status: [OPEN, IN_PROGRESS, AWAITING_MATERIALS]) { edges { node { id number handlerTenant { name } } } } }`,
        { overdue: overdue || undefined },
        token,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.cases.edges.map((e) => e.node).find((c) => c.handlerTenant && STAFF_OF[c.handlerTenant.name]);
    };
    const c = (await find(true)) ?? (await find(false));
    expect(c, 'an open case below 渝北区司法局 in the demo').toBeTruthy();
    target = { id: c!.id, number: c!.number, handler: c!.handlerTenant!.name, staff: STAFF_OF[c!.handlerTenant!.name]! };
  });

  test('yubei.supervisor: the dashboard with charts, then the overdue queue, and a supervision order issued', async () => {
    const page = await open('yubei.supervisor');
    await page.getByTestId('supervision-dashboard').waitFor({ timeout: 30_000 });
    await page.getByTestId('bars-channel').waitFor({ timeout: 30_000 });
    // The year: every demo case falls in it.
    await page.getByRole('combobox', { name: '统计周期' }).click();
    await page.getByRole('option', { name: '年', exact: true }).click();
    await expect
      .poll(async () => (await page.getByTestId('bars-channel').locator('[data-value]').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))))).reduce((a, b) => a + b, 0), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.getByTestId('by-tenant').getByText('渝北区龙溪司法所').waitFor();
    await page.getByTestId('rate-committed').waitFor();
    await shot(page, 'dashboard');
    // Reports need the bearer token: fetched and saved as a file, named by the server.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('download-statistics.csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^统计报表-重庆市渝北区司法局-\d{4}-01-01至\d{4}-12-31\.csv$/);

    // The overdue queue of the subtree.
    await page.getByRole('menuitem', { name: '超期案件' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/supervision\/overdue/);
    // Rows, or the list's "no results" when nothing in the subtree is overdue.
    await page.locator('table').or(page.getByText(/没有找到/)).first().waitFor({ timeout: 30_000 });
    await shot(page, 'overdue');

    // The case's supervision tab (from its row when it is overdue), then 督办.
    const row = page.locator('tr', { hasText: target.number });
    if (await row.count()) await row.getByTestId('supervise-case').click();
    else await page.goto(`${b.base}/admin/cases/${encodeURIComponent(target.id)}/show/supervision`);
    await page.getByTestId('case-supervision').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '督办', exact: true }).click();
    const dialog = page.getByTestId('issue-dialog');
    // Nothing typed: the field says so beside itself.
    await dialog.getByRole('button', { name: '确认' }).click();
    await dialog.getByText('必填').first().waitFor();
    await dialog.getByLabel(/督办事由/).fill(reason);
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.locator('[data-testid="case-order"][data-status="OPEN"]', { hasText: reason }).waitFor({ timeout: 30_000 });
    await shot(page, 'issued');
    await page.close();
  });

  test('the handling tenant’s staff answer it from their supervision queue', async () => {
    const page = await open(target.staff, '/admin/supervisionOrders');
    const row = page.locator('tr', { hasText: reason });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: '回复' }).click();
    const dialog = page.getByTestId('respond-dialog');
    await dialog.getByRole('textbox', { name: '回复' }).fill('已联系当事人，本周内办结。');
    await dialog.getByRole('button', { name: '确认' }).click();
    await row.getByText('已回复').waitFor({ timeout: 30_000 });
    await row.getByText('已联系当事人，本周内办结。').waitFor();
    await shot(page, 'responded');
    await page.close();
  });

  test('yubei.supervisor closes the answered order', async () => {
    const page = await open('yubei.supervisor', '/admin/supervisionOrders');
    const row = page.locator('tr', { hasText: reason });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('已回复').waitFor();
    await row.getByRole('button', { name: '办结督办' }).click();
    await page.getByTestId('close-dialog').getByRole('button', { name: '确认' }).click();
    await row.getByText('已办结').waitFor({ timeout: 30_000 });
    expect(await row.getByRole('button', { name: '办结督办' }).count()).toBe(0);
    await shot(page, 'closed');
    await page.close();
  });

  test('longxi.staff reports an incident; yubei.supervisor acknowledges it for the district in the list', async () => {
    const place = `龙溪司法所门口（e2e ${Date.now() % 100000}）`;
    const staff = await open('longxi.staff', '/admin/incidents/create');
    await staff.getByLabel(/类别/).click();
    await staff.getByRole('option', { name: '群体性聚集' }).click();
    await staff.getByLabel(/等级/).click();
    await staff.getByRole('option', { name: 'Ⅲ级（较大）' }).click();
    await staff.getByLabel(/地点/).fill(place);
    await staff.getByLabel(/涉及人数/).fill('12');
    await staff.getByLabel(/情况描述/).fill('十余名群众聚集在司法所门口，要求加快处理征地补偿纠纷。');
    await staff.getByLabel(/已采取措施/).fill('所长到场劝导，已通知社区民警。');
    await staff.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => staff.url(), { timeout: 30_000 }).toMatch(/\/admin\/incidents\/[^/]+\/show/);
    await staff.getByTestId('ack-levels').locator('[data-level="1"][data-state="pending"]').waitFor({ timeout: 30_000 });
    expect(await staff.getByTestId('acknowledge').count()).toBe(0); // staff of the reporting tenant: nothing to acknowledge
    await shot(staff, 'incident-reported');
    await staff.close();

    const page = await open('yubei.supervisor', '/admin/incidents');
    const row = page.locator('tr', { hasText: place });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-level="1"][data-state="pending"]').waitFor();
    await row.getByTestId('acknowledge').click();
    await row.locator('[data-level="1"][data-state="acknowledged"]').waitFor({ timeout: 30_000 });
    // The municipal level still waits; the district's button is gone.
    await row.locator('[data-level="2"][data-state="pending"]').waitFor();
    expect(await row.getByTestId('acknowledge').count()).toBe(0);
    await shot(page, 'incident-acknowledged');

    // The detail: who acknowledged for the district.
    await row.locator('td').first().click();
    await page.getByTestId('incident-history').waitFor({ timeout: 30_000 });
    await page.getByTestId('ack-levels').locator('[data-level="1"][data-state="acknowledged"]').getByText(/渝北督办/).waitFor();
    await shot(page, 'incident-show');
    await page.close();
    expect(b.problems).toEqual([]);
  });
});
