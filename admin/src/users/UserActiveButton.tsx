import { useDataProvider, useRecordContext } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { ToggleButton } from '../shared/ToggleButton.js';

/** Deactivate (asks first: the user is signed out at once) or reactivate an account. */
export const UserActiveButton = () => {
  const record = useRecordContext<{ id: string; version: number; active: boolean; displayName: string }>();
  const dataProvider = useDataProvider<TianpingDataProvider>();
  if (!record) return null;
  return (
    <ToggleButton
      on={record.active}
      name={record.displayName}
      toggle={() => dataProvider.setUserActive({ id: record.id, version: record.version, active: !record.active })}
      labels={{
        turnOff: 'tianping.users.deactivate',
        turnOn: 'tianping.users.reactivate',
        turnedOff: 'tianping.users.deactivated',
        turnedOn: 'tianping.users.reactivated',
        confirmTitle: 'tianping.users.deactivate_title',
        confirmContent: 'tianping.users.deactivate_content',
      }}
    />
  );
};
