/**
 * The service catalogue and intake in headless Debian Chromium against an in-process server on a
 * PGlite copy of the demo: yubei.admin builds a service item with a custom form (a required TEXT,
 * a SELECT with options, a DATE not in the future), sees the server's error beside the builder
 * field it concerns, previews the form and publishes it; yubei.staff then opens a case through
 * that form at /intake, sees the server's field error beside the date, fixes it and lands on the
 * case page. Screenshots in .tmp/e2e/catalogue-*.png and intake-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { executablePath, useBrowserSuite } from './browser.js';

const ITEM = '劳动争议调解申请（测试）';

describe.skipIf(!executablePath)('catalogue and intake in Chromium', () => {
  const b = useBrowserSuite({ viewport: { width: 1400, height: 1000 } });
  let page: Page;

  beforeAll(async () => {
    page = await b.page();
  });

  // A fresh start whatever the previous test left behind.
  const signIn = (username: string) => b.signIn(page, username);
  const signOut = async () => {
    await page.getByRole('button', { name: '个人' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').waitFor({ timeout: 30_000 });
  };
  const input = (name: string) => page.locator(`[name="${name}"]`);
  /** A react-admin SelectInput: its hidden input's sibling combobox, then the option. */
  const choose = async (name: string, option: string | RegExp) => {
    await input(name).locator('xpath=..').getByRole('combobox').click();
    await page.getByRole('option', { name: option }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  };
  /** A react-admin BooleanInput (a switch): click its label, as a person would. */
  const switchOn = async (name: string) => {
    await input(name).locator('xpath=ancestor::label[1]').click();
    await expect.poll(() => input(name).isChecked()).toBe(true);
  };
  const add = (source: string) => page.locator(`button[class~="button-add-${source}"]`).click();
  /** Waits for a dialog's fade-in to finish, so a screenshot shows it whole. */
  const settled = (dialog: Locator) =>
    dialog.evaluate(
      (el) =>
        new Promise<void>((ok) => {
          const faded = el.closest('.MuiDialog-container') ?? el;
          const check = () => (getComputedStyle(faded).opacity === '1' ? ok() : requestAnimationFrame(check));
          check();
        }),
    );
  const inField = (key: string): Locator => page.getByTestId(`form-field-${key}`);

  test('yubei.admin builds, previews and publishes a service item with a custom form', async () => {
    await signIn('yubei.admin');
    await page.goto(`${b.base}/admin/serviceItems`);
    await page.getByRole('columnheader', { name: '发布版本' }).waitFor({ timeout: 30_000 });
    await b.shot(page, 'catalogue-list');

    // The root's templates, adoptable here.
    await page.getByRole('link', { name: '采用市局模板' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/catalogue-templates$/);
    await page.getByRole('button', { name: '采用' }).first().waitFor({ timeout: 30_000 });
    await b.shot(page, 'catalogue-templates');
    // 渝北 adopted 法律咨询 already: its code is taken, and the server says so under the code.
    await page.getByRole('row', { name: /TPL-CONSULT/ }).getByRole('button', { name: '采用' }).click();
    const adopt = page.getByRole('dialog');
    await adopt.getByRole('button', { name: '采用' }).click();
    await adopt.getByText('本机构已有此编码，请另填一个').waitFor({ timeout: 30_000 });
    await settled(adopt);
    await b.shot(page, 'catalogue-adopt-error');
    await adopt.locator('input[name="code"]').fill('YB-CONSULT-2');
    await adopt.getByRole('button', { name: '采用' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/serviceItems\/[^/]+$/);
    await expect.poll(() => input('content.code').inputValue(), { timeout: 30_000 }).toBe('YB-CONSULT-2');

    // Basics.
    await page.goto(`${b.base}/admin/serviceItems/create`);
    await input('content.code').fill('YB-E2E-1', { timeout: 30_000 });
    await input('content.name').fill(ITEM);
    await choose('content.category', '人民调解');
    await input('content.legalBasis').fill('《中华人民共和国人民调解法》');

    await page.getByRole('tab', { name: '材料与流程' }).click();
    await input('content.procedure.0.title').fill('受理登记');
    await add('content.materials');
    await input('content.materials.0.key').fill('id_card');
    await input('content.materials.0.name').fill('身份证件');

    // The form: a required TEXT, a SELECT (options come after the server's complaint), a DATE.
    await page.getByRole('tab', { name: '申请表' }).click();
    await add('content.formFields');
    await input('content.formFields.0.key').fill('partyName');
    await input('content.formFields.0.label').fill('当事人姓名');
    await switchOn('content.formFields.0.required');
    await add('content.formFields');
    await input('content.formFields.1.key').fill('disputeKind');
    await input('content.formFields.1.label').fill('纠纷类型');
    await choose('content.formFields.1.type', '单选');
    await add('content.formFields');
    await input('content.formFields.2.key').fill('happenedOn');
    await input('content.formFields.2.label').fill('发生日期');
    await choose('content.formFields.2.type', '日期');
    await switchOn('content.formFields.2.config.notInFuture');

    // A SELECT without options: the server's error lands beside that field's options.
    await page.getByRole('button', { name: '保存' }).click();
    const optionsError = page.getByText('至少需要一个选项', { exact: true });
    await optionsError.waitFor({ timeout: 30_000 });
    // Beside the SELECT it concerns (the builder's second field), not elsewhere.
    const line = (i: number) => page.locator('.RaSimpleFormIterator-line').filter({ has: input(`content.formFields.${i}.key`) });
    expect(await line(1).textContent()).toContain('至少需要一个选项');
    expect(await line(0).textContent()).not.toContain('至少需要一个选项');
    await b.shot(page, 'catalogue-builder-error');

    await add('content.formFields.1.config.options');
    await input('content.formFields.1.config.options.0.value').fill('labour');
    await input('content.formFields.1.config.options.0.label').fill('劳动争议');
    await add('content.formFields.1.config.options');
    await input('content.formFields.1.config.options.1.value').fill('neighbour');
    await input('content.formFields.1.config.options.1.label').fill('邻里纠纷');
    await b.shot(page, 'catalogue-builder');

    // The unsaved draft previewed with the intake renderer.
    await page.getByRole('button', { name: '预览' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('form-field-happenedOn').waitFor();
    expect(await dialog.locator('[data-testid^="form-field-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['TEXT', 'SELECT', 'DATE']);
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/serviceItems\/[^/]+\/show$/);
    await page.getByText('尚未发布').waitFor({ timeout: 30_000 });

    // The preview tab: the form as staff will see it, required mark included.
    await page.getByRole('tab', { name: '预览' }).click();
    await page.getByTestId('form-preview').waitFor();
    expect(await page.getByTestId('form-field-partyName').textContent()).toContain('*');
    await page.getByTestId('form-field-disputeKind').getByRole('combobox').click();
    await page.getByRole('option', { name: '邻里纠纷' }).waitFor();
    await page.keyboard.press('Escape');
    await b.shot(page, 'catalogue-preview');

    // Publish, after a confirmation.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByText(/已发布为第 1 版/).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '版本记录' }).click();
    await page.getByTestId('version-history').getByText('v1').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('dialog').getByTestId('content-summary').getByText(ITEM).waitFor();
    await settled(page.getByRole('dialog'));
    await b.shot(page, 'catalogue-versions');
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();

    // Editing the published item: the code stays (read-only) and travels with the whole draft.
    await page.getByRole('link', { name: '编辑' }).click();
    await expect.poll(() => input('content.code').inputValue(), { timeout: 30_000 }).toBe('YB-E2E-1');
    expect(await input('content.code').getAttribute('readonly')).not.toBeNull();
    await input('content.fee').fill('免费');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(/草稿有未发布的修改/).waitFor({ timeout: 30_000 });
    await signOut();
  });

  test('yubei.staff opens a case through that form at /intake', async () => {
    await signIn('yubei.staff');
    await page.getByRole('menuitem', { name: '受理登记' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/intake$/);

    await choose('serviceItemId', new RegExp(ITEM.replace(/[()（）]/g, '.')));
    await inField('partyName').locator('input').fill('张三');
    await inField('disputeKind').getByRole('combobox').click();
    await page.getByRole('option', { name: '劳动争议' }).click();
    // Later than the server's today: only the server knows what today is in Asia/Shanghai.
    await inField('happenedOn').locator('input').fill('2099-01-01');
    await input('requester.name').fill('张三');
    await input('requester.phone').fill('13800138000');
    await input('subject').fill('单位拖欠工资，申请调解');
    await b.shot(page, 'intake-form');

    await page.getByRole('button', { name: '登记', exact: true }).click();
    await inField('happenedOn').locator('.Mui-error', { hasText: '不得晚于今天' }).first().waitFor({ timeout: 30_000 });
    expect(await inField('happenedOn').locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await inField('partyName').locator('input').getAttribute('aria-invalid')).toBe('false');
    await b.shot(page, 'intake-error');

    await inField('happenedOn').locator('input').fill('2026-01-05');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/cases\/[^/]+\/show$/);
    await page.getByText('单位拖欠工资，申请调解').first().waitFor({ timeout: 30_000 });
    await b.shot(page, 'intake-case');
    expect(b.problems).toEqual([]);
  });
});
