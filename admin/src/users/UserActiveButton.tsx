import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';

/** Deactivate (asks first: the user is signed out at once) or reactivate an account. */
export const UserActiveButton = () => {
  const record = useRecordContext<{ id: string; version: number; active: boolean; displayName: string }>();
  const dataProvider = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const run = async () => {
    setBusy(true);
    try {
      await dataProvider.setUserActive({ id: record.id, version: record.version, active: !record.active });
      notify(record.active ? 'tianping.users.deactivated' : 'tianping.users.reactivated', { type: 'success' });
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
        label={record.active ? 'tianping.users.deactivate' : 'tianping.users.reactivate'}
        onClick={() => (record.active ? setOpen(true) : void run())}
        disabled={busy}
        color={record.active ? 'error' : 'primary'}
      >
        {record.active ? <BlockIcon /> : <CheckCircleIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('tianping.users.deactivate_title', { name: record.displayName })}
        content="tianping.users.deactivate_content"
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
