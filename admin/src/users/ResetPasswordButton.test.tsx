import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpError, RecordContextProvider } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type GraphqlMock, renderWithAdmin } from '../settings/testing.js';
import { RESET_PASSWORD } from './documents.js';
import { ResetPasswordButton } from './ResetPasswordButton.js';

afterEach(cleanup);

const user = { id: 'U1', version: 5, username: 'longxi.staff', displayName: '龙溪' };
const open = (graphql: GraphqlMock) => {
  renderWithAdmin(
    <RecordContextProvider value={user}>
      <ResetPasswordButton />
    </RecordContextProvider>,
    { graphql },
  );
  fireEvent.click(screen.getByRole('button', { name: '重置密码' }));
};
const fill = (a: string, b: string) => {
  fireEvent.change(screen.getByTestId('new-password'), { target: { value: a } });
  fireEvent.change(screen.getByTestId('repeat-password'), { target: { value: b } });
  fireEvent.click(screen.getAllByRole('button', { name: '重置密码' }).at(-1)!);
};

describe('reset password', () => {
  test('shows the guidance; two different entries are refused before asking the server', async () => {
    const graphql: GraphqlMock = vi.fn();
    open(graphql);
    expect((await screen.findByTestId('reset-password-dialog')).textContent).toContain('安全渠道');
    fill('abcdefgh12', 'abcdefgh13');
    await screen.findByText('两次输入的密码不一致');
    expect(graphql).not.toHaveBeenCalled();
  });

  test('the server’s password rule shows under the field; a good one is sent with the version', async () => {
    const graphql: GraphqlMock = vi.fn(async (_doc, vars) => {
      const pw = (vars?.input as { newPassword: string }).newPassword;
      if (pw === 'aaaaaaaaaa') throw new HttpError('不能重复同一个字符', 400, { code: 'BAD_USER_INPUT', errors: { newPassword: '不能重复同一个字符', root: { serverError: '不能重复同一个字符' } } });
      return { resetUserPassword: { user: { id: 'U1', version: 6, passwordChangedAt: '2026-11-29T00:00:00Z' } } };
    });
    open(graphql);
    fill('aaaaaaaaaa', 'aaaaaaaaaa');
    expect((await screen.findAllByText('不能重复同一个字符')).length).toBeGreaterThan(0);
    expect(screen.getByTestId('new-password').getAttribute('aria-invalid')).toBe('true');
    fill('longxi-2026!', 'longxi-2026!');
    await waitFor(() => expect(graphql).toHaveBeenLastCalledWith(RESET_PASSWORD, { input: { id: 'U1', version: 5, newPassword: 'longxi-2026!' } }));
    await waitFor(() => expect(screen.queryByTestId('reset-password-dialog')).toBeNull());
  });
});
