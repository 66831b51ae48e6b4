/**
 * Tenant administration in headless Chromium against the in-process server on a PGlite copy of
 * the demo. city.admin: the tenant tree, a new tenant created from a tree node and moved (after a
 * refused move shown under the field), a user's password reset. yubei.admin: a commitment, a
 * forbidden phrase caught by the live check, a local closure, an API key created (secret shown
 * once) and revoked. Screenshots: .tmp/e2e/settings-*.png. Skipped without Chromium.
 */
import { describe, expect, test } from 'vitest';
import { executablePath, useBrowserSuite } from './browser.js';

describe.skipIf(!executablePath)('tenant administration in Chromium', () => {
  const b = useBrowserSuite({ timezoneId: 'Asia/Shanghai', shots: 'settings-' });
  const { open, shot } = b;

  test('city.admin: the tree, a new tenant moved, a password reset', async () => {
    const page = await open('city.admin');

    // The tree: the viewer's own level open, further levels on demand.
    await page.goto(`${b.base}/admin/tenant-tree`);
    const tree = page.getByTestId('tenant-tree');
    await tree.getByTestId('tree-node-yubei').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '展开重庆市渝北区司法局' }).click();
    await tree.getByTestId('tree-node-yubei-longxi').waitFor({ timeout: 30_000 });

    // A refused move: 渝北区 under its own 司法所, the server's reason under the field.
    await tree.getByTestId('tree-node-yubei').getByRole('button', { name: '移动重庆市渝北区司法局' }).click();
    const dialog = page.getByTestId('move-tenant-dialog');
    await dialog.getByTestId('new-parent').fill('龙溪');
    await page.getByRole('option', { name: /^渝北区龙溪司法所/ }).click();
    await dialog.getByRole('button', { name: '移动' }).click();
    await dialog.locator('.Mui-error').first().waitFor({ timeout: 30_000 });
    expect(await dialog.locator('p.Mui-error').textContent()).toMatch(/subtree|下级/);
    await shot(page, 'move-refused');
    await dialog.getByRole('button', { name: '取消' }).click();
    await shot(page, 'tree');

    // A new tenant created from a node of the tree (its parent filled in).
    await tree.getByTestId('tree-node-yubei').getByRole('link', { name: '新建下级机构' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/tenants\/create/);
    await page.locator('input[name="name"]').fill('渝北区测试调解委员会');
    await page.locator('input[name="slug"]').fill('yubei-e2e-mediation');
    await page.getByRole('combobox', { name: '类型' }).click();
    await page.getByRole('option', { name: '人民调解委员会' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/tenants\/[^/]+\/show/);
    await page.getByRole('tab', { name: '在机构树中的位置' }).waitFor({ timeout: 30_000 });

    // Moved under 渝中区.
    await page.getByRole('button', { name: '移动', exact: true }).click();
    await page.getByTestId('new-parent').fill('渝中');
    await page.getByRole('option', { name: /^重庆市渝中区司法局/ }).click();
    await page.getByTestId('move-tenant-dialog').getByRole('button', { name: '移动' }).click();
    await page.getByTestId('move-tenant-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByRole('tab', { name: '在机构树中的位置' }).click();
    await page.getByTestId('tenant-ancestors').getByText('重庆市渝中区司法局').waitFor({ timeout: 30_000 });
    // The public page link is on the tenant's page too.
    const publicLinks = await page.getByRole('link', { name: '公开页面' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(publicLinks).toContain('/public/yubei-e2e-mediation');
    await shot(page, 'moved');

    // A user's password reset by the admin; the old one stops working.
    await page.goto(`${b.base}/admin/users`);
    await page.getByText('longxi.staff').first().click();
    await page.getByRole('button', { name: '重置密码', exact: true }).click();
    const reset = page.getByTestId('reset-password-dialog');
    await reset.getByTestId('new-password').fill('aaaaaaaaaa');
    await reset.getByTestId('repeat-password').fill('aaaaaaaaaa');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await reset.locator('p.Mui-error').first().waitFor({ timeout: 30_000 }); // the server's rule, under the field
    await shot(page, 'reset-password');
    await reset.getByTestId('new-password').fill('Longxi-2026!');
    await reset.getByTestId('repeat-password').fill('Longxi-2026!');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await reset.waitFor({ state: 'detached', timeout: 30_000 });
    await expect(b.t.login('longxi.staff', 'Longxi-2026!')).resolves.toBeTruthy();
    await expect(b.t.login('longxi.staff', 'tianping-demo')).rejects.toBeTruthy();

    expect(b.problems).toEqual([]);
    await page.close();
  });

  test('yubei.admin: commitment, forbidden phrase with the live check, closure, API key', async () => {
    const page = await open('yubei.admin');
    await page.getByRole('menuitem', { name: '机构设置' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/settings\/commitments/);

    // A commitment.
    await page.getByRole('button', { name: '新增承诺' }).click();
    const c = page.getByTestId('commitment-dialog');
    await c.getByTestId('commitment-title').fill('窗口咨询当场答复');
    await c.getByTestId('commitment-body').fill('到窗口的法律咨询当场答复，不能当场答复的三个工作日内回复。');
    await c.getByRole('button', { name: '保存' }).click();
    await c.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('commitments').getByText('窗口咨询当场答复').waitFor();
    await shot(page, 'commitments');

    // A forbidden phrase, then the live check flags it while typing.
    await page.getByRole('tab', { name: '用语库' }).click();
    await page.getByTestId('phrase-text').fill('踢皮球');
    await page.getByTestId('add-phrase').getByRole('button', { name: '添加' }).click();
    await page.getByTestId('own-phrases').getByText('踢皮球').waitFor({ timeout: 30_000 });
    await page.getByTestId('phrase-check-input').pressSequentially('这件事请不要踢皮球', { delay: 30 });
    await page.getByTestId('phrase-check-preview').locator('mark', { hasText: '踢皮球' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('phrase-check-input').fill('这件事我们马上办理');
    await page.getByTestId('phrase-check-ok').waitFor({ timeout: 30_000 });
    await page.getByTestId('phrase-check-input').fill('这件事请不要踢皮球');
    await page.getByTestId('phrase-check-hits').waitFor({ timeout: 30_000 });
    await shot(page, 'phrases');

    // A local closure on the calendar.
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByTestId('holiday-years').waitFor({ timeout: 30_000 });
    await page.getByTestId('closure-date').fill('2026-12-30');
    await page.getByTestId('closure-reason').fill('办公场所搬迁');
    await page.getByTestId('add-closure').getByRole('button', { name: '添加' }).click();
    await page.getByTestId('closures').getByText('办公场所搬迁').waitFor({ timeout: 30_000 });
    await shot(page, 'calendar');

    // An API key: the secret once, then revoked.
    await page.getByRole('tab', { name: '接口密钥' }).click();
    await page.getByTestId('api-key-name').fill('呼叫中心系统');
    await page.getByRole('button', { name: '创建密钥' }).click();
    const secretDialog = page.getByTestId('api-key-secret');
    const secret = (await secretDialog.getByTestId('api-key-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^tpk_[A-Za-z0-9]+_/);
    await secretDialog.getByText('密钥仅显示这一次').waitFor();
    await shot(page, 'api-key-secret');
    await secretDialog.getByRole('button', { name: '我已保存' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    expect(await page.locator('body').textContent()).not.toContain(secret);
    const row = page.getByTestId('api-keys').getByRole('row', { name: /呼叫中心系统/ });
    await row.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '吊销' }).click();
    await row.getByText(/已吊销/).waitFor({ timeout: 30_000 });
    await shot(page, 'api-keys');

    // Response times: stricter than the municipal default is accepted, looser refused under the field.
    await page.getByRole('tab', { name: '办理时限与响应' }).click();
    const hotline = page.getByLabel(/热线接听/);
    await hotline.fill('5');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('p.Mui-error').first().waitFor({ timeout: 30_000 });
    await hotline.fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存', { exact: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'case-settings');

    expect(b.problems).toEqual([]);
    await page.close();
  });
});
