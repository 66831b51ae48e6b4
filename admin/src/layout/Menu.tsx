import { Menu as RaMenu, usePermissions } from 'react-admin';
import type { Role } from '../auth/session.js';
import { modules } from '../registry.js';

/** The resources the viewer's roles offer, then the pages modules add (registry.ts). */
export const Menu = () => {
  const { permissions } = usePermissions<Role[]>();
  const roles = permissions ?? [];
  const hasDashboard = modules.some((m) => m.dashboard);
  return (
    <RaMenu>
      {hasDashboard && <RaMenu.DashboardItem />}
      <RaMenu.ResourceItems />
      {modules.flatMap((m) =>
        (m.menu?.(roles) ?? []).map((e) => {
          const Icon = e.icon;
          return <RaMenu.Item key={e.to} to={e.to} primaryText={e.label} leftIcon={Icon ? <Icon /> : undefined} />;
        }),
      )}
    </RaMenu>
  );
};
