import ArchiveIcon from '@mui/icons-material/Archive';
import PublishIcon from '@mui/icons-material/Publish';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { ARCHIVE, PUBLISH } from './serviceItems.js';

interface Item {
  id: string;
  name: string;
  version: number;
  status: string;
  hasUnpublishedChanges: boolean;
  publishedVersionNo: number | null;
}

/**
 * Publish (freeze the draft as the next version) or archive, each after a confirmation, with the
 * version the page was read at: a stale one is the server's CONFLICT ("reload"), shown as a message.
 */
function useItemAction(document: string, done: string) {
  const record = useRecordContext<Item>();
  const dp = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!record) return;
    setBusy(true);
    try {
      await dp.graphql(document, { input: { id: record.id, version: record.version } });
      notify(done, { type: 'success', messageArgs: { name: record.name, version: (record.publishedVersionNo ?? 0) + 1 } });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return { record, open, setOpen, busy, run };
}

export const PublishButton = () => {
  const { record, open, setOpen, busy, run } = useItemAction(PUBLISH, 'tianping.catalogue.published_done');
  if (!record || record.status === 'ARCHIVED' || !record.hasUnpublishedChanges) return null;
  return (
    <>
      <Button label="tianping.catalogue.publish" onClick={() => setOpen(true)} disabled={busy}>
        <PublishIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="tianping.catalogue.publish_title"
        content="tianping.catalogue.publish_content"
        translateOptions={{ name: record.name, version: (record.publishedVersionNo ?? 0) + 1 }}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

export const ArchiveButton = () => {
  const { record, open, setOpen, busy, run } = useItemAction(ARCHIVE, 'tianping.catalogue.archived_done');
  if (!record || record.status === 'ARCHIVED') return null;
  return (
    <>
      <Button label="tianping.catalogue.archive" onClick={() => setOpen(true)} disabled={busy} color="warning">
        <ArchiveIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="tianping.catalogue.archive_title"
        content="tianping.catalogue.archive_content"
        translateOptions={{ name: record.name }}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
