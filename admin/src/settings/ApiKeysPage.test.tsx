import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiKeysPage } from './ApiKeysPage.js';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './documents.js';
import { type GraphqlMock, renderWithAdmin } from './testing.js';

afterEach(cleanup);

const SECRET = 'tpk_ab12cd34_s3cr3t-value-never-shown-again';
type Key = { id: string; name: string; prefix: string; active: boolean; createdAt: string; lastUsedAt: string | null; revokedAt: string | null; createdBy: { id: string; displayName: string } | null };
const key = (over: Partial<Key> = {}): Key => ({
  id: 'K1',
  name: '呼叫中心',
  prefix: 'ab12cd34',
  active: true,
  createdAt: '2026-11-28T02:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  createdBy: { id: 'U1', displayName: '管理员' },
  ...over,
});

function server() {
  let keys: Key[] = [];
  const graphql: GraphqlMock = vi.fn(async (doc, vars) => {
    if (doc === API_KEYS) return { apiKeys: keys };
    if (doc === CREATE_API_KEY) {
      keys = [key({ name: (vars?.input as { name: string }).name })];
      return { createApiKey: { secret: SECRET, apiKey: keys[0] } };
    }
    if (doc === REVOKE_API_KEY) {
      keys = keys.map((k) => ({ ...k, active: false, revokedAt: '2026-11-28T03:00:00Z' }));
      return { revokeApiKey: keys[0] };
    }
    throw new Error(`unexpected ${doc}`);
  });
  return graphql;
}

describe('API keys', () => {
  test('the secret is shown once, with a warning, and is gone for good once closed', async () => {
    const graphql = server();
    renderWithAdmin(<ApiKeysPage />, { graphql });
    await screen.findByText('尚无接口密钥');
    fireEvent.change(screen.getByTestId('api-key-name'), { target: { value: '呼叫中心' } });
    fireEvent.click(screen.getByRole('button', { name: '创建密钥' }));

    const dialog = await screen.findByTestId('api-key-secret');
    expect(within(dialog).getByTestId('api-key-secret-value').textContent).toBe(SECRET);
    expect(dialog.textContent).toContain('密钥仅显示这一次');
    expect(within(dialog).getByRole('button', { name: '复制' })).toBeTruthy();
    expect(graphql).toHaveBeenCalledWith(CREATE_API_KEY, { input: { name: '呼叫中心' } });

    fireEvent.click(within(dialog).getByRole('button', { name: '我已保存' }));
    await waitFor(() => expect(screen.queryByTestId('api-key-secret')).toBeNull());
    // The list shows only the prefix; the secret is nowhere on the page any more.
    await screen.findByTestId('api-key-ab12cd34');
    expect(document.body.textContent).not.toContain('s3cr3t');
  });

  test('revoking asks first; only the confirmation revokes', async () => {
    const graphql = server();
    renderWithAdmin(<ApiKeysPage />, { graphql });
    fireEvent.change(await screen.findByTestId('api-key-name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: '创建密钥' }));
    fireEvent.click(await screen.findByRole('button', { name: '我已保存' }));

    const row = await screen.findByTestId('api-key-ab12cd34');
    fireEvent.click(within(row).getByRole('button', { name: '吊销' }));
    const confirm = await screen.findByRole('dialog');
    expect(confirm.textContent).toContain('吊销密钥“x”？');
    expect(graphql).not.toHaveBeenCalledWith(REVOKE_API_KEY, expect.anything());
    fireEvent.click(within(confirm).getByRole('button', { name: '吊销' }));
    await waitFor(() => expect(graphql).toHaveBeenCalledWith(REVOKE_API_KEY, { input: { id: 'K1' } }));
    await waitFor(() => expect(within(screen.getByTestId('api-key-ab12cd34')).queryByRole('button', { name: '吊销' })).toBeNull());
  });
});
