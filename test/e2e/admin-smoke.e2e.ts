/**
 * The admin app in headless Debian Chromium (STACK.md: playwright-core with /usr/bin/chromium, a
 * persistent context in a fresh directory) against the server in-process on a PGlite copy of the
 * demo: sign in as city.admin, see the tenant list in Chinese with the tenant and user in the app
 * bar, open a tenant, switch to English. Screenshots go to .tmp/e2e/. Skipped without Chromium.
 */
import { describe, expect, test } from 'vitest';
import { executablePath, useBrowserSuite } from './browser.js';

describe.skipIf(!executablePath)('admin app in Chromium', () => {
  const b = useBrowserSuite({ timezoneId: 'America/New_York' }); // dates must still show in Asia/Shanghai

  test('city.admin signs in and sees the tenant list in Chinese; English on request', async () => {
    const page = await b.page();
    await b.signIn(page, 'city.admin');

    // The tenant list, in Chinese, with who is signed in always in view.
    // Home is the dashboard; the tenants come from the menu.
    await page.getByTestId('viewer-tenant').waitFor({ timeout: 30_000 });
    await page.getByRole('menuitem', { name: '机构', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/tenants/);
    await page.getByText('渝北区龙溪司法所').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('viewer-tenant').textContent()).toBe('重庆市司法局');
    expect(await page.getByTestId('viewer-user').textContent()).toContain('管理员');
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(expect.arrayContaining(['机构', '账号']));
    expect(await page.getByRole('menuitem', { name: '案件' }).count()).toBe(0); // ADMIN only: no inbox
    await page.getByText('司法所').first().waitFor();
    await b.shot(page, 'tenants-zh');

    // A tenant: its profile, then its place in the tree.
    await page.getByText('重庆市渝北区司法局').first().click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/tenants\/[^/]+\/show/);
    await page.getByRole('tab', { name: '在机构树中的位置' }).click();
    await page.getByTestId('tenant-children').getByText('渝北区龙溪司法所').waitFor();
    await b.shot(page, 'tenant-show-zh');

    // Edit: the server's field error (a slug in use) shows under the field, in Chinese.
    await page.getByRole('link', { name: '编辑' }).click();
    const slug = page.locator('input[name="slug"]');
    await slug.fill('yuzhong');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已被其他机构使用', { exact: true }).waitFor({ timeout: 30_000 }); // under the field
    await b.shot(page, 'tenant-edit-error-zh');
    // A real change goes through with the version it was read at.
    await slug.fill('yubei');
    await page.locator('input[name="officeHours"]').fill('周一至周五 9:00-17:00');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/show$/);
    await page.getByText('周一至周五 9:00-17:00').waitFor();

    // A client route loaded directly (the server answers index.html).
    await page.goto(`${b.base}/admin/users`);
    await page.getByText('yubei.staff').first().waitFor({ timeout: 30_000 });

    // English.
    await page.getByRole('button', { name: /语言|简体中文|Language/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Tenants' }).waitFor();
    await page.getByRole('columnheader', { name: 'Username' }).waitFor();
    await b.shot(page, 'users-en');
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: '账号' }).waitFor();

    expect(b.problems).toEqual([]);
    await page.close();
  });

  test('staff see the case inbox with both clocks', async () => {
    const page = await b.page();
    // The previous test's session is still in this profile: sign out from the user menu.
    await page.goto(`${b.base}/admin/`);
    await page.getByTestId('viewer-tenant').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '个人' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await b.submitLogin(page, 'yubei.staff');
    await page.getByRole('menuitem', { name: '案件', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/cases/);
    await page.locator('[data-due]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('viewer-tenant').textContent()).toBe('重庆市渝北区司法局');
    await b.shot(page, 'cases');
    await page.locator('tbody tr').first().click();
    await page.getByRole('tab', { name: /工作台账|Ledger timeline/ }).click();
    await page.getByTestId('ledger-timeline').waitFor();
    await b.shot(page, 'case-ledger');
    expect(b.problems).toEqual([]);
  });
});
