import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, Form } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { i18nProvider } from '../i18n/index.js';
import { collectFormData, type FormFieldDef } from './fieldTypes.js';
import { FormRenderer } from './FormRenderer.js';

const options = [
  { value: 'labour', label: '劳动争议' },
  { value: 'family', label: '婚姻家庭' },
];

/** One field of every type, as a published definition comes from the server (defaults filled in). */
const FIELDS: FormFieldDef[] = [
  { key: 'fullName', label: '当事人姓名', type: 'TEXT', required: true, helpText: '与证件一致', config: { maxLength: 20 } },
  { key: 'story', label: '事情经过', type: 'LONG_TEXT', required: false, config: { maxLength: 2000 } },
  { key: 'amount', label: '涉及金额', type: 'NUMBER', required: false, config: { min: 0, max: 1000, integer: true } },
  { key: 'happenedOn', label: '发生日期', type: 'DATE', required: true, config: { notInFuture: true } },
  { key: 'disputeKind', label: '纠纷类型', type: 'SELECT', required: true, config: { options } },
  { key: 'helpWith', label: '需要的帮助', type: 'MULTI_SELECT', required: false, config: { options } },
  { key: 'hasLawyer', label: '是否已有律师', type: 'YES_NO', required: false, config: {} },
  { key: 'contact', label: '联系电话', type: 'PHONE', required: false, config: {} },
  { key: 'idNumber', label: '身份证号', type: 'RESIDENT_ID', required: false, config: {} },
];

function renderForm(fields: FormFieldDef[], onSubmit = vi.fn()) {
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <Form onSubmit={onSubmit} record={{}}>
        <FormRenderer fields={fields} source="formData" />
        <button type="submit">submit</button>
      </Form>
    </AdminContext>,
  );
  return onSubmit;
}

const fieldBox = (key: string) => screen.getByTestId(`form-field-${key}`);
const submit = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'submit' })));

afterEach(cleanup);

describe('FormRenderer', () => {
  test('renders the right input for every type, in the definition’s order', () => {
    renderForm(FIELDS);
    expect(screen.getAllByTestId(/^form-field-/).map((e) => e.dataset.type)).toEqual(FIELDS.map((f) => f.type));
    expect(fieldBox('fullName').querySelector('input[name="formData.fullName"]')).not.toBeNull();
    expect(fieldBox('story').querySelector('textarea[name="formData.story"]')).not.toBeNull();
    expect(fieldBox('amount').querySelector('input[type="number"]')).not.toBeNull();
    expect(fieldBox('happenedOn').querySelector('input[type="date"]')).not.toBeNull();
    expect(within(fieldBox('disputeKind')).getByRole('combobox')).toBeTruthy();
    expect(within(fieldBox('helpWith')).getAllByRole('checkbox')).toHaveLength(2);
    expect(within(fieldBox('hasLawyer')).getAllByRole('radio')).toHaveLength(2);
    expect(fieldBox('contact').querySelector('input[type="tel"]')).not.toBeNull();
    expect(fieldBox('idNumber').querySelector('input[name="formData.idNumber"]')).not.toBeNull();
  });

  test('marks required fields, and only those', () => {
    renderForm(FIELDS);
    // MUI labels a select with a div, text inputs with a label, groups with a legend: all are .MuiFormLabel-root.
    const marked = (key: string) => /\*/.test(fieldBox(key).querySelector('.MuiFormLabel-root')?.textContent ?? '');
    expect(FIELDS.filter((f) => marked(f.key)).map((f) => f.key)).toEqual(['fullName', 'happenedOn', 'disputeKind']);
  });

  test('shows the tenant’s help text and the type’s hints', () => {
    renderForm(FIELDS);
    expect(fieldBox('fullName').textContent).toContain('与证件一致');
    expect(fieldBox('happenedOn').textContent).toContain('不得晚于今天');
    expect(fieldBox('amount').textContent).toContain('整数');
  });

  test('offers a select’s options by label and a multi-select’s as checkboxes', async () => {
    renderForm(FIELDS);
    fireEvent.mouseDown(within(fieldBox('disputeKind')).getByRole('combobox'));
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent).filter((t) => t && t.trim() && t !== '请选择')).toEqual(['劳动争议', '婚姻家庭']);
    expect(within(fieldBox('helpWith')).getByLabelText('婚姻家庭')).toBeTruthy();
  });

  test('holds back a submission with a required field empty or a malformed value', async () => {
    const onSubmit = renderForm(FIELDS);
    fireEvent.change(fieldBox('contact').querySelector('input')!, { target: { value: '12345' } });
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(fieldBox('fullName').textContent).toMatch(/必填/);
    expect(fieldBox('contact').textContent).toContain('手机号码');
  });

  test('collects the answers in the shape openCase expects', async () => {
    const onSubmit = renderForm(FIELDS);
    fireEvent.change(fieldBox('fullName').querySelector('input')!, { target: { value: '  张三 ' } });
    fireEvent.change(fieldBox('amount').querySelector('input')!, { target: { value: '300' } });
    fireEvent.change(fieldBox('happenedOn').querySelector('input')!, { target: { value: '2026-03-01' } });
    fireEvent.mouseDown(within(fieldBox('disputeKind')).getByRole('combobox'));
    fireEvent.click(within(await screen.findByRole('listbox')).getByText('婚姻家庭'));
    fireEvent.click(within(fieldBox('helpWith')).getByLabelText('婚姻家庭'));
    fireEvent.click(within(fieldBox('helpWith')).getByLabelText('劳动争议'));
    fireEvent.click(within(fieldBox('hasLawyer')).getByLabelText('否'));
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const values = onSubmit.mock.calls[0]![0] as { formData: Record<string, unknown> };
    expect(collectFormData(FIELDS, values.formData)).toEqual({
      fullName: '张三',
      amount: 300,
      happenedOn: '2026-03-01',
      disputeKind: 'family',
      helpWith: ['family', 'labour'],
      hasLawyer: false,
    });
  });
});

describe('collectFormData', () => {
  test('leaves out unanswered fields and keys the form does not have; keeps false and 0', () => {
    expect(
      collectFormData(FIELDS, { fullName: ' ', story: '', amount: 0, hasLawyer: false, helpWith: [], stale: 'x', contact: null }),
    ).toEqual({ amount: 0, hasLawyer: false });
  });

  test('turns typed numbers and radio strings into JSON numbers and booleans', () => {
    expect(collectFormData(FIELDS, { amount: '12.5', hasLawyer: 'true', helpWith: 'labour' })).toEqual({ amount: 12.5, hasLawyer: true, helpWith: ['labour'] });
  });
});
