/**
 * The admin app in headless Debian Chromium (STACK.md: playwright-core with /usr/bin/chromium, a
 * persistent context in a fresh directory) against the server in-process on a PGlite copy of the
 * demo: sign in as city.admin, see the tenant list in Chinese with the tenant and user in the app
 * bar, open a tenant, switch to English. Screenshots go to .tmp/e2e/. Skipped without Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.js';

const executablePath = process.env.CHROMIUM_PATH || '';
const shots = path.resolve(process.cwd(), '.tmp/e2e');

describe.skipIf(!executablePath)('admin app in Chromium', () => {
  let t: TestApp;
  let base: string;
  let profile: string;
  let context: BrowserContext;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = (await t.app.start(0, '127.0.0.1')).url;
    profile = mkdtempSync(path.join(tmpdir(), 'tianping-chromium-'));
    mkdirSync(shots, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
      timezoneId: 'America/New_York', // dates must still show in Asia/Shanghai
    });
  });

  afterAll(async () => {
    await context?.close();
    await t?.app.stop();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const watch = (page: Page) => {
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(`csp: ${m.text()}`);
    });
  };

  test('city.admin signs in and sees the tenant list in Chinese; English on request', async () => {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${base}/admin/`);
    await page.locator('input[name="username"]').fill('city.admin');
    await page.locator('input[name="password"]').fill('tianping-demo');
    await page.getByRole('button', { name: '登录' }).click();

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
    await page.screenshot({ path: path.join(shots, 'tenants-zh.png'), fullPage: true });

    // A tenant: its profile, then its place in the tree.
    await page.getByText('重庆市渝北区司法局').first().click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/tenants\/[^/]+\/show/);
    await page.getByRole('tab', { name: '在机构树中的位置' }).click();
    await page.getByTestId('tenant-children').getByText('渝北区龙溪司法所').waitFor();
    await page.screenshot({ path: path.join(shots, 'tenant-show-zh.png'), fullPage: true });

    // Edit: the server's field error (a slug in use) shows under the field, in Chinese.
    await page.getByRole('link', { name: '编辑' }).click();
    const slug = page.locator('input[name="slug"]');
    await slug.fill('yuzhong');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已被其他机构使用', { exact: true }).waitFor({ timeout: 30_000 }); // under the field
    await page.screenshot({ path: path.join(shots, 'tenant-edit-error-zh.png'), fullPage: true });
    // A real change goes through with the version it was read at.
    await slug.fill('yubei');
    await page.locator('input[name="officeHours"]').fill('周一至周五 9:00-17:00');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/show$/);
    await page.getByText('周一至周五 9:00-17:00').waitFor();

    // A client route loaded directly (the server answers index.html).
    await page.goto(`${base}/admin/users`);
    await page.getByText('yubei.staff').first().waitFor({ timeout: 30_000 });

    // English.
    await page.getByRole('button', { name: /语言|简体中文|Language/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Tenants' }).waitFor();
    await page.getByRole('columnheader', { name: 'Username' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'users-en.png'), fullPage: true });
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: '账号' }).waitFor();

    expect(problems).toEqual([]);
    await page.close();
  });

  test('staff see the case inbox with both clocks', async () => {
    const page = await context.newPage();
    watch(page);
    // The previous test's session is still in this profile: sign out from the user menu.
    await page.goto(`${base}/admin/`);
    await page.getByTestId('viewer-tenant').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '个人' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').fill('yubei.staff');
    await page.locator('input[name="password"]').fill('tianping-demo');
    await page.getByRole('button', { name: /登录|Sign in/ }).click();
    await page.getByTestId('viewer-tenant').waitFor({ timeout: 30_000 });
    await page.getByRole('menuitem', { name: '案件', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/cases/);
    await page.locator('[data-due]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('viewer-tenant').textContent()).toBe('重庆市渝北区司法局');
    await page.screenshot({ path: path.join(shots, 'cases.png'), fullPage: true });
    await page.locator('tbody tr').first().click();
    await page.getByRole('tab', { name: /工作台账|Ledger timeline/ }).click();
    await page.getByTestId('ledger-timeline').waitFor();
    await page.screenshot({ path: path.join(shots, 'case-ledger.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
