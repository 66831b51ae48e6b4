/**
 * The case worker's inbox and case page in headless Chromium against the demo (in-process server
 * on PGlite): as yubei.staff, save a queue as a filter, open a case, start it, send the one-time
 * materials notice, receive the materials, see a reply with a forbidden phrase blocked and send a
 * clean one, reveal the requester's phone with a reason, resolve with the legal basis and risk
 * notice, read the ledger timeline; transfer a second case to 渝北区龙溪司法所 and accept it there
 * as longxi.staff. Screenshots in .tmp/e2e/cases-*.png.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ok } from '../helpers.js';
import { executablePath, useBrowserSuite } from './browser.js';

const OPEN = `mutation($i: OpenCaseInput!) { openCase(input: $i) { case { id number version status } } }`;
/** The seeded root's forbidden phrases include this one (seeds/demo-catalogue.ts). */
const FORBIDDEN = '不归我管';

describe.skipIf(!executablePath)('case worker in Chromium', () => {
  const b = useBrowserSuite({ viewport: { width: 1400, height: 1000 }, timezoneId: 'America/New_York', shots: 'cases-' });
  const { shot } = b;
  let consultation: { id: string; number: string };
  let matter: { id: string; number: string };

  beforeAll(async () => {
    // Two fresh cases of 渝北区司法局, opened through the API as its staff would at the counter.
    const token = await b.t.login('yubei.staff');
    consultation = ok(
      await b.t.gql(
        OPEN,
        { i: { channel: 'ONSITE', kind: 'CONSULTATION', subject: 'E2E 咨询：单位拖欠工资如何维权', requester: { name: '张晓明', phone: '13912345678' } } },
        token,
      ),
    ).openCase.case;
    matter = ok(
      await b.t.gql(OPEN, { i: { channel: 'HOTLINE', kind: 'MATTER', subject: 'E2E 事项：邻里纠纷申请调解', strategy: 'REFER', requester: { name: '李华' } } }, token),
    ).openCase.case;
  });

  async function signIn(page: Page, username: string) {
    await b.signIn(page, username);
    // The home page may be a dashboard: go to the inbox from wherever signing in lands.
    await page.getByRole('menuitem', { name: '案件' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/admin\/cases/);
  }

  const header = (page: Page) => page.getByTestId('case-header');
  const dialog = (page: Page) => page.getByRole('dialog');

  /** Opens an action's dialog from the case page's action bar. */
  async function action(page: Page, key: string) {
    await page.locator(`[data-testid="case-actions"] [data-action="${key}"]`).click();
    await dialog(page).waitFor({ timeout: 15_000 });
  }
  async function submit(page: Page) {
    await dialog(page).getByTestId('case-action-submit').click();
    await dialog(page).waitFor({ state: 'detached', timeout: 30_000 });
  }
  async function status(page: Page, label: string) {
    await header(page).getByText(label, { exact: true }).waitFor({ timeout: 30_000 });
  }
  async function choose(page: Page, label: string, option: string) {
    await dialog(page).getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  afterEach(async (ctx) => {
    // What the page looked like when a step failed.
    if (ctx.task.result?.errors?.length || ctx.task.result?.state === 'fail') for (const [i, p] of b.context.pages().entries()) await shot(p, `failure-${i}`).catch(() => {});
  });

  test('yubei.staff: inbox, saved filter, and a consultation from start to resolution', async () => {
    const page = await b.page();
    await signIn(page, 'yubei.staff');
    await page.locator('[data-due]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('new-case').getAttribute('href')).toMatch(/\/admin\/intake$/);

    // A queue, saved as a filter, survives a reload (react-admin's store in localStorage).
    const queues = page.getByTestId('case-queues');
    await queues.getByText('本机构办理').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('HANDLED_HERE');
    await queues.getByRole('button', { name: '保存当前查询…' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('本机构待办');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await queues.getByText('本机构待办').waitFor();
    await page.goto(`${b.base}/admin/cases?filter=${encodeURIComponent('{}')}`);
    await queues.getByText('本机构待办').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('HANDLED_HERE');
    await shot(page, 'inbox');

    // The new consultation from the inbox, found by its number.
    await page.locator('input[name="q"]').fill(consultation.number);
    await page.getByRole('cell', { name: consultation.number }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/cases\/[^/]+\/show/);
    await status(page, '已受理');
    expect(await page.getByTestId('requester-phone').textContent()).not.toContain('13912345678');

    await action(page, 'start');
    await submit(page);
    await status(page, '办理中');

    // The one-time notice: every missing material at once; the clocks pause.
    await action(page, 'requestMaterials');
    await dialog(page).getByText('一次性告知', { exact: false }).first().waitFor();
    for (const [n, note] of ['劳动合同或工资条复印件', '单位拖欠工资的书面证明或聊天记录'].entries()) {
      await dialog(page).getByRole('button', { name: '添加' }).click();
      await dialog(page).getByRole('combobox').nth(n).click();
      await page.getByRole('option', { name: '其他材料（清单外）' }).click();
      await dialog(page).locator(`input[name="items.${n}.note"]`).fill(note);
    }
    await shot(page, 'materials-notice');
    await submit(page);
    await status(page, '待补正材料');
    await page.getByTestId('paused').waitFor();
    await page.getByRole('tab', { name: '材料' }).click();
    await page.getByTestId('materials-request').getByText('单位拖欠工资的书面证明或聊天记录').waitFor();
    await page.getByRole('tab', { name: '案件' }).click();

    await action(page, 'receiveMaterials');
    await dialog(page).locator('textarea[name="note"]').fill('已收到劳动合同和聊天记录截图');
    await submit(page);
    await status(page, '办理中');

    // A reply with a forbidden phrase is blocked and the phrase named; a clean one goes out.
    await action(page, 'reply');
    const text = dialog(page).locator('textarea[name="text"]');
    await text.fill(`这个问题${FORBIDDEN}，你去找单位吧`);
    await dialog(page).getByTestId('phrase-check-text').getByText(`“${FORBIDDEN}”`, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await dialog(page).getByTestId('case-action-submit').isDisabled()).toBe(true);
    await shot(page, 'reply-blocked');
    await text.fill('您好，已收到您的材料，我们将在三个工作日内给您书面答复。');
    await dialog(page).getByTestId('phrase-check-text').getByText('未发现禁用语').waitFor({ timeout: 15_000 });
    await submit(page);

    // The phone, revealed with a reason, in the dialog only.
    await page.getByRole('button', { name: '查看 电话' }).click();
    await dialog(page).getByRole('textbox').fill('电话回访当事人，告知答复内容');
    await dialog(page).getByTestId('reveal-submit').click();
    expect(await dialog(page).getByTestId('revealed-value').textContent({ timeout: 15_000 })).toBe('13912345678');
    await dialog(page).getByText('已记入访问日志', { exact: false }).waitFor();
    await shot(page, 'reveal');
    await dialog(page).getByRole('button', { name: '关闭' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(await page.getByTestId('requester-phone').textContent()).not.toContain('13912345678');

    // Resolution of a legal consultation: legal basis and risk notice.
    await action(page, 'resolve');
    await choose(page, '办理结果', '已解答');
    await choose(page, '处理方式', '直接解答');
    await choose(page, '咨询类别', '法律咨询');
    await dialog(page).locator('textarea[name="summary"]').fill('告知可向劳动保障监察机构投诉，或申请劳动仲裁要求支付拖欠工资。');
    await dialog(page).locator('textarea[name="legalBasis"]').fill('《中华人民共和国劳动合同法》第三十条、第八十五条');
    await dialog(page).locator('textarea[name="riskNotice"]').fill('劳动争议申请仲裁的时效期间为一年，请及时主张权利并保存证据。');
    await dialog(page).getByTestId('phrase-check-riskNotice').getByText('未发现禁用语').waitFor({ timeout: 15_000 });
    await shot(page, 'resolve');
    await submit(page);
    await status(page, '已办结');
    await page.getByTestId('resolution').getByText('《中华人民共和国劳动合同法》第三十条、第八十五条').waitFor();

    // The ledger tells the story.
    await page.getByRole('tab', { name: /工作台账/ }).click();
    const ledger = page.getByTestId('ledger-timeline');
    await ledger.waitFor();
    const events = await ledger.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event')));
    expect(events).toEqual(['OPENED', 'STARTED', 'MATERIALS_REQUESTED', 'MATERIALS_RECEIVED', 'REPLIED', 'RESOLVED']);
    await ledger.getByText('劳动合同或工资条复印件', { exact: false }).waitFor();
    await ledger.getByText('《中华人民共和国劳动合同法》第三十条', { exact: false }).first().waitFor();
    await shot(page, 'ledger');
    expect(b.problems).toEqual([]);
    await page.close();
  });

  test('a matter transferred to 渝北区龙溪司法所 and accepted there', async () => {
    const page = await b.page();
    await signIn(page, 'yubei.staff');
    await page.goto(`${b.base}/admin/cases/${encodeURIComponent(matter.id)}/show`);
    await status(page, '办理中');
    await action(page, 'transfer');
    await dialog(page).getByRole('combobox', { name: '目标机构' }).fill('龙溪');
    await page.getByRole('option', { name: '渝北区龙溪司法所' }).click();
    await dialog(page).locator('textarea[name="reason"]').fill('纠纷发生在龙溪街道辖区，由司法所组织人民调解更便利');
    await submit(page);
    await status(page, '转办待接收');
    await page.getByTestId('transfer-pending').getByText('渝北区龙溪司法所', { exact: false }).waitFor();
    // The sender may only withdraw now.
    expect(await page.locator('[data-testid="case-actions"] [data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).toContain('withdrawTransfer');
    await shot(page, 'transfer-pending');

    await signIn(page, 'longxi.staff');
    await page.getByTestId('case-queues').getByText('待接收的转办').click();
    await page.getByRole('cell', { name: matter.number }).click();
    await status(page, '转办待接收');
    await action(page, 'acceptTransfer');
    await submit(page);
    await status(page, '办理中');
    await page.getByText('渝北区龙溪司法所', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: /工作台账/ }).click();
    const ledger = page.getByTestId('ledger-timeline');
    await ledger.locator('li[data-event="TRANSFER_ACCEPTED"]').waitFor();
    await ledger.getByText('转至：渝北区龙溪司法所').waitFor();
    await shot(page, 'transfer-accepted');
    expect(b.problems).toEqual([]);
    await page.close();
  });
});
