import { type ReactNode, useEffect } from 'react';
import { Layout as RaLayout, useGetIdentity, useLogout, useNotify } from 'react-admin';
import { sessionExpiry } from '../auth/authProvider.js';
import { modules } from '../registry.js';
import { TianpingAppBar } from './AppBar.js';
import { Menu } from './Menu.js';

/** Signs out when the token expires, instead of waiting for the next request to fail. */
const SessionExpiry = () => {
  const logout = useLogout();
  const notify = useNotify();
  const { identity } = useGetIdentity();
  useEffect(() => {
    const expiresAt = sessionExpiry();
    if (!identity || !expiresAt) return;
    const ms = Math.max(0, expiresAt - Date.now() - 5_000);
    const timer = setTimeout(() => {
      notify('tianping.auth.session_expired', { type: 'warning' });
      void logout();
    }, Math.min(ms, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [identity, logout, notify]);
  return null;
};

export const Layout = ({ children }: { children: ReactNode }) => (
  // The content may shrink beside the menu: wide tables scroll in their card, not the whole page.
  <RaLayout appBar={TianpingAppBar} menu={Menu} sx={{ minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}>
    {modules.flatMap((m) => m.layoutItems ?? []).map((Item, i) => (
      <Item key={i} />
    ))}
    {children}
    <SessionExpiry />
  </RaLayout>
);
