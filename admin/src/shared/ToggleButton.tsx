import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRefresh, useTranslate } from 'react-admin';

/**
 * Turns something off (after a confirmation: it signs people out at once) or back on: a tenant's
 * suspension, an account's deactivation. `on` is the current state; the labels are message keys.
 */
export function ToggleButton(props: {
  on: boolean;
  /** Performs the change; its error message is shown as is. */
  toggle: () => Promise<unknown>;
  labels: { turnOff: string; turnOn: string; turnedOff: string; turnedOn: string; confirmTitle: string; confirmContent: string };
  /** Interpolated into the confirmation title as %{name}. */
  name: string;
}) {
  const { on, toggle, labels, name } = props;
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await toggle();
      notify(on ? labels.turnedOff : labels.turnedOn, { type: 'success' });
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
      <Button label={on ? labels.turnOff : labels.turnOn} onClick={() => (on ? setOpen(true) : void run())} disabled={busy} color={on ? 'error' : 'primary'}>
        {on ? <BlockIcon /> : <CheckCircleIcon />}
      </Button>
      <Confirm isOpen={open} loading={busy} title={translate(labels.confirmTitle, { name })} content={labels.confirmContent} onConfirm={run} onClose={() => setOpen(false)} />
    </>
  );
}
