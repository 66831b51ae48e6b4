import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, RecordContextProvider } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { i18nProvider } from '../i18n/index.js';
import { CaseActionDialog } from './CaseActionDialog.js';
import { RequesterPanel } from './RequesterPanel.js';
import type { CaseRecord } from './types.js';

afterEach(cleanup);

const record: CaseRecord = {
  id: 'Q2FzZTox',
  version: 7,
  number: 'YB-2026-000123',
  kind: 'CONSULTATION',
  status: 'IN_PROGRESS',
  viewerEvents: ['REPLIED'],
  handlerTenant: { id: 'T1' },
  requester: { name: '王**', phone: '138****0005' },
};
const viewer = { roles: ['STAFF'], tenant: { id: 'T1' } };

/** A data provider whose only method the dialogs use is `graphql`, answered by `answer`. */
function provider(answer: (document: string, variables: Record<string, any>) => unknown) {
  const graphql = vi.fn(async (document: string, variables: Record<string, any> = {}) => answer(document, variables));
  return { dp: { graphql } as unknown as TianpingDataProvider, graphql };
}
const opName = (document: string) => document.match(/(?:query|mutation) (\w+)/)?.[1];

describe('reveal a requester field', () => {
  const renderPanel = (dp: TianpingDataProvider) =>
    render(
      <AdminContext dataProvider={dp} i18nProvider={i18nProvider}>
        <RecordContextProvider value={record}>
          <RequesterPanel />
        </RecordContextProvider>
      </AdminContext>,
    );

  test('masked as the server returned it; the value only after a reason, with the access logged', async () => {
    const { dp, graphql } = provider(() => ({ revealRequesterField: { field: 'phone', value: '13800138005' } }));
    renderPanel(dp);
    expect(screen.getByTestId('requester-phone').textContent).toBe('138****0005');
    expect(screen.queryByText('13800138005')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /查看 电话/ }));
    const submit = screen.getByTestId('reveal-submit');
    // No reason, or too short a one: nothing is asked of the server.
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '回访' } });
    expect(submit).toHaveProperty('disabled', true);
    expect(graphql).not.toHaveBeenCalled();

    fireEvent.change(screen.getByRole('textbox'), { target: { value: '回访当事人核实材料' } });
    await act(async () => fireEvent.click(submit));
    await waitFor(() => expect(screen.getByTestId('revealed-value').textContent).toBe('13800138005'));
    expect(graphql).toHaveBeenCalledTimes(1);
    expect(opName(graphql.mock.calls[0]![0])).toBe('RevealRequesterField');
    expect(graphql.mock.calls[0]![1]).toEqual({ input: { caseId: record.id, field: 'phone', reason: '回访当事人核实材料' } });
    expect(screen.getByText('已显示完整信息，本次查阅已记入访问日志。')).toBeTruthy();
    // The page itself still shows the masked value.
    expect(screen.getByTestId('requester-phone').textContent).toBe('138****0005');

    // Closed: the value is gone with the dialog.
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByText('13800138005')).toBeNull());
  });

  test('the server’s complaint about the reason shows beside it', async () => {
    const { HttpError } = await import('react-admin');
    const { dp } = provider(() => {
      throw new HttpError('请修改', 400, { code: 'BAD_USER_INPUT', errors: { reason: '请说明理由' } });
    });
    renderPanel(dp);
    fireEvent.click(screen.getByRole('button', { name: /查看 姓名/ }));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '随便看看吧' } });
    await act(async () => fireEvent.click(screen.getByTestId('reveal-submit')));
    await waitFor(() => expect(screen.getByText('请说明理由')).toBeTruthy());
    expect(screen.queryByTestId('revealed-value')).toBeNull();
  });
});

describe('reply with the live forbidden-phrase check', () => {
  test('a draft with a forbidden phrase is blocked and the phrase named; a clean one is sent with the version', async () => {
    const { dp, graphql } = provider((document, variables) => {
      if (opName(document) === 'CheckText') {
        const text = variables.text as string;
        const at = text.indexOf('不归我管');
        return { checkText: at === -1 ? { ok: true, hits: [] } : { ok: false, hits: [{ phrase: '不归我管', start: at, end: at + 4, excerpt: text }] } };
      }
      if (opName(document) === 'ReplyToRequester') return { replyToRequester: { case: { id: record.id, version: 8, status: 'IN_PROGRESS' } } };
      throw new Error(`unexpected ${opName(document)}`);
    });
    const onClose = vi.fn();
    render(
      <AdminContext dataProvider={dp} i18nProvider={i18nProvider}>
        <CaseActionDialog action="reply" record={record} viewer={viewer} onClose={onClose} />
      </AdminContext>,
    );
    const box = () => document.querySelector('textarea[name="text"]') as HTMLTextAreaElement;
    const send = () => screen.getByTestId('case-action-submit') as HTMLButtonElement;

    fireEvent.change(box(), { target: { value: '这个事情不归我管，请找别人' } });
    await waitFor(() => expect(screen.getByTestId('phrase-check-text').textContent).toContain('“不归我管”'), { timeout: 3000 });
    expect(send().disabled).toBe(true);
    await act(async () => fireEvent.click(send()));
    expect(graphql.mock.calls.map((c) => opName(c[0]))).not.toContain('ReplyToRequester');

    fireEvent.change(box(), { target: { value: '您好，我们已受理，三个工作日内答复您。' } });
    await waitFor(() => expect(screen.getByTestId('phrase-check-text').textContent).toBe('未发现禁用语'), { timeout: 3000 });
    expect(send().disabled).toBe(false);
    await act(async () => fireEvent.click(send()));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const reply = graphql.mock.calls.find((c) => opName(c[0]) === 'ReplyToRequester')!;
    expect(reply[1]).toEqual({ input: { id: record.id, version: 7, text: '您好，我们已受理，三个工作日内答复您。' } });
  });

  test('field errors from the server show beside the field; a conflict says reload', async () => {
    const { HttpError } = await import('react-admin');
    let conflict = false;
    const { dp } = provider((document) => {
      if (opName(document) === 'CheckText') return { checkText: { ok: true, hits: [] } };
      if (conflict) throw new HttpError('changed', 409, { code: 'CONFLICT' });
      throw new HttpError('请修改', 400, { code: 'BAD_USER_INPUT', errors: { text: '含有禁用语“不知道”', root: { serverError: '请修改' } } });
    });
    const onClose = vi.fn();
    render(
      <AdminContext dataProvider={dp} i18nProvider={i18nProvider}>
        <CaseActionDialog action="reply" record={record} viewer={viewer} onClose={onClose} />
      </AdminContext>,
    );
    fireEvent.change(document.querySelector('textarea[name="text"]')!, { target: { value: '好的' } });
    await waitFor(() => expect((screen.getByTestId('case-action-submit') as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
    await act(async () => fireEvent.click(screen.getByTestId('case-action-submit')));
    await waitFor(() => expect(screen.getByText('含有禁用语“不知道”')).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();

    conflict = true;
    await act(async () => fireEvent.click(screen.getByTestId('case-action-submit')));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
