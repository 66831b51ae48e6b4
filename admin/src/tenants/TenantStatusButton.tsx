import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';

/** Suspend (with a confirmation: its users are signed out at once) or reactivate a tenant. */
export const TenantStatusButton = () => {
  const record = useRecordContext<{ id: string; version: number; status: string; name: string; isRoot: boolean }>();
  const dataProvider = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || record.isRoot) return null;
  const suspended = record.status === 'SUSPENDED';
  const run = async () => {
    setBusy(true);
    try {
      await dataProvider.setTenantStatus({ id: record.id, version: record.version, to: suspended ? 'ACTIVE' : 'SUSPENDED' });
      notify(suspended ? 'tianping.tenants.reactivated' : 'tianping.tenants.suspended', { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        label={suspended ? 'tianping.tenants.reactivate' : 'tianping.tenants.suspend'}
        onClick={() => (suspended ? void run() : setOpen(true))}
        disabled={busy}
        color={suspended ? 'primary' : 'error'}
      >
        {suspended ? <CheckCircleIcon /> : <BlockIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('tianping.tenants.suspend_title', { name: record.name })}
        content="tianping.tenants.suspend_content"
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
