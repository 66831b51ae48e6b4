import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, Form, ResourceContextProvider } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { i18nProvider, localizeServerMessage } from '../i18n/index.js';
import { toHttpError } from '../dataProvider/client.js';
import { fieldErrorsOf } from '../dataProvider/errors.js';
import { FormBuilder } from './FormBuilder.js';
import { contentErrorPaths, contentInput, contentToForm } from './serviceItems.js';

const record = {
  content: contentToForm({
    formFields: [
      { key: 'partyName', label: '姓名', type: 'TEXT', required: true, config: { maxLength: 200 } },
      { key: 'kind', label: '类型', type: 'SELECT', required: false, config: { options: [{ value: 'a', label: 'A' }] } },
      { key: 'on', label: '日期', type: 'DATE', required: false, config: { notInFuture: false } },
    ],
  }),
};

function renderBuilder(onSubmit: (v: any) => unknown) {
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <ResourceContextProvider value="serviceItems">
        <Form onSubmit={onSubmit} record={record}>
          <FormBuilder />
          <button type="submit">save</button>
        </Form>
      </ResourceContextProvider>
    </AdminContext>,
  );
}

const lines = () => Array.from(document.querySelectorAll<HTMLElement>('.RaSimpleFormIterator-line')).filter((l) => l.querySelector('input[name$=".key"]'));
const keys = () => lines().map((l) => (l.querySelector('input[name$=".key"]') as HTMLInputElement).value);
const submit = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'save' })));

afterEach(cleanup);

describe('FormBuilder', () => {
  test('shows each field’s type-specific settings', () => {
    renderBuilder(vi.fn());
    expect(document.querySelector('input[name="content.formFields.0.config.pattern"]')).not.toBeNull();
    expect(document.querySelector('input[name="content.formFields.1.config.options.0.value"]')).not.toBeNull();
    expect(document.querySelector('input[name="content.formFields.2.config.min"]')).not.toBeNull();
    expect(document.querySelector('input[name="content.formFields.0.config.options.0.value"]')).toBeNull();
  });

  test('reorders fields with the move buttons, and the saved order follows', async () => {
    const onSubmit = vi.fn();
    renderBuilder(onSubmit);
    expect(keys()).toEqual(['partyName', 'kind', 'on']);
    const down = lines()[0]!.querySelector<HTMLButtonElement>('button[aria-label="下移"]')!;
    await act(async () => fireEvent.click(down));
    expect(keys()).toEqual(['kind', 'partyName', 'on']);
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(contentInput(onSubmit.mock.calls[0]![0].content).formFields.map((f: { key: string }) => f.key)).toEqual(['kind', 'partyName', 'on']);
  });

  test('a server error on form.fields.1.config.options shows under that field’s options, in Chinese', async () => {
    const zh = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
    const error = toHttpError([{ message: 'invalid input', extensions: { code: 'BAD_USER_INPUT', fields: { 'form.fields.1.config.options': 'must have at least one option' } } }], 200, zh);
    renderBuilder(() => contentErrorPaths(fieldErrorsOf(error)));
    await submit();
    await screen.findByText('至少需要一个选项');
    expect(lines()[1]!.textContent).toContain('至少需要一个选项');
    expect(lines()[0]!.textContent).not.toContain('至少需要一个选项');
  });
});
