import { useDataProvider, useRecordContext } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { ToggleButton } from '../shared/ToggleButton.js';

/** Suspend (with a confirmation: its users are signed out at once) or reactivate a tenant. */
export const TenantStatusButton = () => {
  const record = useRecordContext<{ id: string; version: number; status: string; name: string; isRoot: boolean }>();
  const dataProvider = useDataProvider<TianpingDataProvider>();
  if (!record || record.isRoot) return null;
  const active = record.status !== 'SUSPENDED';
  return (
    <ToggleButton
      on={active}
      name={record.name}
      toggle={() => dataProvider.setTenantStatus({ id: record.id, version: record.version, to: active ? 'SUSPENDED' : 'ACTIVE' })}
      labels={{
        turnOff: 'tianping.tenants.suspend',
        turnOn: 'tianping.tenants.reactivate',
        turnedOff: 'tianping.tenants.suspended',
        turnedOn: 'tianping.tenants.reactivated',
        confirmTitle: 'tianping.tenants.suspend_title',
        confirmContent: 'tianping.tenants.suspend_content',
      }}
    />
  );
};
