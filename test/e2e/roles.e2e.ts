/**
 * Every demo login in headless Chromium: signs in, lands on its home page (the dashboard or the
 * personal summary), and sees exactly the menu its roles allow — no page errors, no CSP refusals,
 * no raw message keys on screen, in Chinese and then in English. Screenshots: .tmp/e2e/roles-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { executablePath, useBrowserSuite } from './browser.js';

type Role = 'ADMIN' | 'STAFF' | 'SUPERVISOR';
/** README.md "Demo logins". */
const LOGINS: [string, string, Role[]][] = [
  ['city.admin', '重庆市司法局', ['ADMIN']],
  ['city.supervisor', '重庆市司法局', ['SUPERVISOR']],
  ['hotline.staff', '重庆市12348公共法律服务热线中心', ['STAFF']],
  ['hotline.supervisor', '重庆市12348公共法律服务热线中心', ['SUPERVISOR', 'STAFF']],
  ['yubei.admin', '重庆市渝北区司法局', ['ADMIN']],
  ['yubei.supervisor', '重庆市渝北区司法局', ['SUPERVISOR']],
  ['yubei.staff', '重庆市渝北区司法局', ['STAFF']],
  ['longxi.staff', '渝北区龙溪司法所', ['STAFF']],
  ['yubei.legalaid.staff', '渝北区法律援助中心', ['STAFF']],
  ['mingli.lawyer', '重庆两江明理律师事务所', ['ADMIN', 'STAFF']],
  ['yuzhong.admin', '重庆市渝中区司法局', ['ADMIN']],
  ['yuzhong.staff', '重庆市渝中区司法局', ['STAFF']],
  ['jiefangbei.staff', '渝中区解放碑司法所', ['STAFF']],
  ['jiangbei.admin', '重庆市江北区司法局', ['ADMIN', 'SUPERVISOR']],
  ['shapingba.admin', '重庆市沙坪坝区司法局', ['ADMIN', 'SUPERVISOR']],
  ['jiulongpo.admin', '重庆市九龙坡区司法局', ['ADMIN', 'SUPERVISOR']],
];

/** What each menu entry needs (registry.ts and the modules' `menu`/`resources`). */
const MENU: [string, (roles: Role[]) => boolean][] = [
  ['首页', () => true],
  ['重大情况', () => true],
  ['案件', (r) => r.includes('STAFF') || r.includes('SUPERVISOR')],
  ['督办', (r) => r.includes('STAFF') || r.includes('SUPERVISOR')],
  ['受理登记', (r) => r.includes('STAFF')],
  ['超期案件', (r) => r.includes('SUPERVISOR')],
  ['服务事项', (r) => r.includes('ADMIN')],
  ['机构', (r) => r.includes('ADMIN')],
  ['账号', (r) => r.includes('ADMIN')],
  ['机构设置', (r) => r.includes('ADMIN')],
];

const RAW_KEY = /\b(?:tianping|resources|enums|ra)\.[a-z_]+\.[A-Za-z_.]+/;

describe.skipIf(!executablePath)('every demo role in Chromium', () => {
  const b = useBrowserSuite({ locale: 'zh-CN', shots: 'roles-' });

  const menuTexts = async (page: Page) => (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim());

  test.each(LOGINS)('%s (%s): home page and the menu its roles allow', async (username, tenant, roles) => {
    const page = await b.page({ who: username });
    await b.signIn(page, username);
    expect(await page.getByTestId('viewer-tenant').textContent()).toBe(tenant);
    // The home page: the overview for supervisors and admins, the personal summary otherwise.
    const overseer = roles.includes('ADMIN') || roles.includes('SUPERVISOR');
    await page.getByText(overseer ? '各单位情况' : '我的工作', { exact: false }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => menuTexts(page), { timeout: 10_000 }).toContain('首页');
    const menu = await menuTexts(page);
    for (const [label, allowed] of MENU) expect(menu.includes(label), `${username}: ${label}`).toBe(allowed(roles));
    expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
    if (['city.supervisor', 'longxi.staff', 'mingli.lawyer', 'yubei.admin'].includes(username)) {
      await b.shot(page, username);
    }
    await page.close();
  });

  test('English: every menu entry and the home page translated (no raw keys)', async () => {
    const page = await b.page({ who: 'hotline.supervisor' });
    await b.signIn(page, 'hotline.supervisor');
    await page.getByRole('button', { name: /语言|简体中文|Language/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Cases', exact: true }).waitFor({ timeout: 10_000 });
    await page.getByText('By tenant', { exact: false }).first().waitFor({ timeout: 30_000 });
    const menu = await menuTexts(page);
    expect(menu.filter((m) => /[\u4e00-\u9fff]/.test(m))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
    await b.shot(page, 'english');
    // Back to Chinese for whoever comes next in this profile.
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.close();
  });

  test('no page errors, no CSP refusals', () => {
    expect(b.problems).toEqual([]);
  });
});
