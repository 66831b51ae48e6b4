/** Test harness for the settings and tenant screens: react-admin's context with a mocked dp.graphql. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AdminContext, type AuthProvider, type DataProvider } from 'react-admin';
import { vi } from 'vitest';
import { i18nProvider } from '../i18n/index.js';

export type GraphqlMock = ReturnType<typeof vi.fn<(document: string, variables?: Record<string, unknown>) => Promise<any>>>;

export function renderWithAdmin(ui: ReactNode, options: { graphql: GraphqlMock; getList?: DataProvider['getList']; tenant?: { id: string; name: string; slug: string; kind: string }; roles?: string[] }) {
  const tenant = options.tenant ?? { id: 'T-yubei', name: '重庆市渝北区司法局', slug: 'yubei', kind: 'DISTRICT_BUREAU' };
  const roles = options.roles ?? ['ADMIN'];
  const dataProvider = {
    graphql: options.graphql,
    getList: options.getList ?? (async () => ({ data: [], total: 0 })),
  } as unknown as DataProvider;
  const authProvider: AuthProvider = {
    login: async () => undefined,
    logout: async () => undefined,
    checkAuth: async () => undefined,
    checkError: async () => undefined,
    getPermissions: async () => roles,
    getIdentity: async () => ({ id: 'U-1', fullName: 'Admin', username: 'admin', roles, tenant }),
  };
  return render(
    <AdminContext dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider}>
      {ui}
    </AdminContext>,
  );
}
