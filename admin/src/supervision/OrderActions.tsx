import { Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Button, Form, NumberInput, required, SaveButton, TextInput, useDataProvider, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CLOSE, ISSUE, REMIND, RESPOND } from './documents.js';
import { fieldErrorsOf } from '../dataProvider/errors.js';
import { type OrderLike, orderActions } from './logic.js';

type Values = Record<string, unknown>;

/**
 * A small form in a dialog for one mutation. Field errors from the server (BAD_USER_INPUT) come
 * back beside their fields (react-admin's Form sets what onSubmit returns); anything else, e.g. a
 * CONFLICT from a stale version, is notified in the viewer's language.
 */
export function MutationDialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Sends the mutation; throws the data provider's HttpError. */
  send: (values: Values) => Promise<unknown>;
  done: string;
  onDone: () => void;
  children: ReactNode;
  defaultValues?: Values;
  testId?: string;
}) {
  const notify = useNotify();
  const translate = useTranslate();
  const submit = async (values: Values) => {
    try {
      await props.send(values);
    } catch (err) {
      const e = err as Error & { body?: { code?: string; errors?: Record<string, unknown> } };
      const fields = fieldErrorsOf(e);
      if (Object.keys(fields).length) return fields;
      notify(e.body?.code === 'CONFLICT' ? translate('tianping.supervision.conflict', { message: e.message }) : e.message, { type: 'error' });
      return undefined;
    }
    notify(props.done, { type: 'success' });
    props.onClose();
    props.onDone();
    return undefined;
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid={props.testId}>
      {props.open && (
        <Form onSubmit={submit} defaultValues={props.defaultValues}>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.children}</DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={props.onClose} />
            <SaveButton label="ra.action.confirm" alwaysEnable />
          </DialogActions>
        </Form>
      )}
    </Dialog>
  );
}

export interface OrderRecord extends OrderLike {
  id: string;
  version: number;
}

/** Respond (handling tenant), remind and close (issuing tenant's supervisors), as the order's state allows. */
export const OrderActionButtons = ({ order, onDone }: { order: OrderRecord; onDone: () => void }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const can = orderActions(order, identity as TianpingIdentity | undefined);
  const [open, setOpen] = useState<'respond' | 'remind' | 'close' | null>(null);
  const input = (extra: Values) => ({ input: { id: order.id, version: order.version, ...extra } });
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  if (!can.respond && !can.remind && !can.close) return null;
  return (
    <Stack direction="row" spacing={0.5} onClick={stop}>
      {can.respond && <Button label="tianping.supervision.orders.respond" onClick={() => setOpen('respond')} variant="contained" size="small" />}
      {can.remind && <Button label="tianping.supervision.orders.remind" onClick={() => setOpen('remind')} size="small" />}
      {can.close && <Button label="tianping.supervision.orders.close" onClick={() => setOpen('close')} variant="contained" size="small" />}
      <MutationDialog
        open={open === 'respond'}
        title={translate('tianping.supervision.orders.respond_title')}
        onClose={() => setOpen(null)}
        send={(v) => dp.graphql(RESPOND, input({ response: String(v.response ?? '').trim() }))}
        done="tianping.supervision.orders.responded"
        onDone={onDone}
        testId="respond-dialog"
      >
        <TextInput source="response" multiline minRows={3} fullWidth validate={required()} label="resources.supervisionOrders.fields.response" />
      </MutationDialog>
      <MutationDialog
        open={open === 'remind'}
        title={translate('tianping.supervision.orders.remind_title')}
        onClose={() => setOpen(null)}
        send={(v) => dp.graphql(REMIND, input({ note: v.note ? String(v.note).trim() : null }))}
        done="tianping.supervision.orders.reminded"
        onDone={onDone}
        testId="remind-dialog"
      >
        <TextInput source="note" multiline minRows={2} fullWidth label="resources.supervisionOrders.fields.note" />
      </MutationDialog>
      <MutationDialog
        open={open === 'close'}
        title={translate('tianping.supervision.orders.close_title')}
        onClose={() => setOpen(null)}
        send={(v) => dp.graphql(CLOSE, input({ note: v.note ? String(v.note).trim() : null }))}
        done="tianping.supervision.orders.closed"
        onDone={onDone}
        testId="close-dialog"
      >
        <TextInput source="note" multiline minRows={2} fullWidth label="resources.supervisionOrders.fields.note" />
      </MutationDialog>
    </Stack>
  );
};

/** 督办: a supervisor above the handler orders it to respond (by its settings' working days unless given). */
export const IssueOrderButton = ({ caseId, version, onDone }: { caseId: string; version: number; onDone: () => void }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="tianping.supervision.orders.issue" onClick={() => setOpen(true)} variant="contained" size="small" />
      <MutationDialog
        open={open}
        title={translate('tianping.supervision.orders.issue_title')}
        onClose={() => setOpen(false)}
        send={(v) =>
          dp.graphql(ISSUE, {
            input: {
              caseId,
              version,
              reason: String(v.reason ?? '').trim(),
              respondWorkingDays: v.respondWorkingDays === '' || v.respondWorkingDays == null ? undefined : Number(v.respondWorkingDays),
            },
          })
        }
        done="tianping.supervision.orders.issued"
        onDone={onDone}
        testId="issue-dialog"
      >
        <TextInput source="reason" multiline minRows={3} fullWidth validate={required()} label="resources.supervisionOrders.fields.reason" />
        <NumberInput source="respondWorkingDays" min={1} max={30} label="resources.supervisionOrders.fields.respondWorkingDays" helperText="tianping.supervision.orders.respond_days_help" />
      </MutationDialog>
    </>
  );
};
