import { Chip, Stack, Tooltip } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from './DateTimeField.js';
import { type ClockLike, dueState } from './due.js';

const COLOR = { overdue: 'error', due_soon: 'warning', paused: 'info', done: 'default', open: 'default' } as const;

/** One clock of a case: its due date with an overdue / due-soon / paused indicator. */
/** `label`, `sortBy` and `sortable` are read by the Datagrid from the element's props. */
export interface DueFieldProps {
  clock: 'statutoryClock' | 'committedClock';
  label?: string;
  sortable?: boolean;
  sortBy?: string;
  sortByOrder?: 'ASC' | 'DESC';
}

export const DueField = ({ clock }: DueFieldProps) => {
  const record = useRecordContext<{ status: string; pausedSince?: string | null } & Record<string, ClockLike | undefined>>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const c = record?.[clock] as ClockLike | undefined;
  if (!record || !c) return null;
  const state = dueState(c, record);
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-due={state}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.dueAt, locale, 'short')}</span>
      {state !== 'open' && state !== 'done' && <Chip size="small" color={COLOR[state]} label={translate(`tianping.due.${state}`)} />}
      {c.extension ? <Chip size="small" variant="outlined" label={translate('tianping.due.extended')} /> : null}
      {c.provisional ? (
        <Tooltip title={translate('tianping.due.provisional')}>
          <Chip size="small" variant="outlined" label={translate('tianping.due.provisional')} />
        </Tooltip>
      ) : null}
    </Stack>
  );
};
