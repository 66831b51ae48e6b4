import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type GraphqlMock, renderWithAdmin } from '../settings/testing.js';
import { MOVE_TENANT } from './documents.js';
import { MoveTenantDialog } from './MoveTenantDialog.js';

afterEach(cleanup);

const options = [
  { id: 'longxi', name: '龙溪司法所', parent: { name: '渝北区司法局' } },
  { id: 'yuzhong', name: '渝中区司法局', parent: { name: '重庆市司法局' } },
];

async function choose(name: string) {
  const input = screen.getByTestId('new-parent');
  fireEvent.change(input, { target: { value: name.slice(0, 2) } });
  fireEvent.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

describe('moving a tenant', () => {
  test('the server’s refusal (a cycle) shows under the parent field and the dialog stays open', async () => {
    const graphql: GraphqlMock = vi.fn(async () => {
      throw new HttpError('不能移到自身的下级之下', 400, { code: 'BAD_USER_INPUT', errors: { newParentId: '不能移到自身的下级之下', root: { serverError: '不能移到自身的下级之下' } } });
    });
    const onMoved = vi.fn();
    renderWithAdmin(<MoveTenantDialog open tenant={{ id: 'yubei', name: '渝北区司法局', version: 3 }} onClose={() => undefined} onMoved={onMoved} />, {
      graphql,
      getList: (async () => ({ data: options, total: 2 })) as any,
    });
    await choose('龙溪司法所');
    fireEvent.click(screen.getByRole('button', { name: '移动' }));
    await waitFor(() => expect(graphql).toHaveBeenCalledWith(MOVE_TENANT, { input: { id: 'yubei', version: 3, newParentId: 'longxi' } }));
    expect((await screen.findAllByText('不能移到自身的下级之下')).length).toBeGreaterThan(0);
    expect(screen.getByTestId('new-parent').getAttribute('aria-invalid')).toBe('true');
    expect(onMoved).not.toHaveBeenCalled();
    expect(screen.getByTestId('move-tenant-dialog')).toBeTruthy();
  });

  test('a move that goes through closes and says so to the tree', async () => {
    const graphql: GraphqlMock = vi.fn(async () => ({ moveTenant: { tenant: { id: 'x', version: 4, depth: 2, parent: { id: 'yuzhong', name: '渝中区司法局' } } } }));
    const onMoved = vi.fn();
    const onClose = vi.fn();
    renderWithAdmin(<MoveTenantDialog open tenant={{ id: 'x', name: '新机构', version: 1 }} onClose={onClose} onMoved={onMoved} />, {
      graphql,
      getList: (async () => ({ data: options, total: 2 })) as any,
    });
    await choose('渝中区司法局');
    fireEvent.click(screen.getByRole('button', { name: '移动' }));
    await waitFor(() => expect(onMoved).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
  });
});
