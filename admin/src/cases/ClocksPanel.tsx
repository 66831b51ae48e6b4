import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { Labeled, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../shared/DateTimeField.js';
import { DueField } from '../shared/DueField.js';

interface Clock {
  dueAt: string;
  originalDueAt: string;
  limit: { amount: number; unit: string };
  extension: { dueAt: string; previousDueAt: string; reason: string } | null;
  provisional: boolean;
}

interface ClockCase {
  status: string;
  pausedSince: string | null;
  pausedWorkingDays: number;
  provisionalYears: number[];
  statutoryClock: Clock;
  committedClock: Clock;
  transfer: { reason: string; decideBy: string | null; toTenantName: string | null } | null;
  assignment: { fromTenantName: string | null; reportBy: string | null } | null;
}

/**
 * Both clocks (Art. 15): due date with its indicator, the limit, the original due date, an
 * extension with its reason; paused while waiting for materials (Art. 14); provisional while a
 * year's holiday arrangement is missing. Also what the case waits for: a transfer, a report-back.
 */
export const ClocksPanel = () => {
  const record = useRecordContext<ClockCase>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const when = (v: string | null | undefined) => (v ? formatDateTime(v, locale) : '—');
  const clock = (name: 'statutoryClock' | 'committedClock', label: string) => {
    const c = record[name];
    return (
      <Box sx={{ minWidth: 260 }} data-testid={`clock-${name}`}>
        <Labeled label={label}>
          <DueField clock={name} />
        </Labeled>
        <Typography variant="body2" color="text.secondary">
          {translate('tianping.cases.limit')}: {c.limit.amount} {translate(`enums.LimitUnit.${c.limit.unit}`, { _: c.limit.unit })}
          {c.originalDueAt !== c.dueAt && ` · ${translate('tianping.cases.original_due')}: ${when(c.originalDueAt)}`}
        </Typography>
        {c.extension && (
          <Typography variant="body2">
            {translate('tianping.cases.extended', { from: when(c.extension.previousDueAt), to: when(c.extension.dueAt), reason: c.extension.reason })}
          </Typography>
        )}
      </Box>
    );
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {clock('statutoryClock', 'resources.cases.fields.statutoryClock.dueAt')}
        {clock('committedClock', 'resources.cases.fields.committedClock.dueAt')}
      </Stack>
      {record.pausedSince && (
        <Alert severity="info" data-testid="paused">
          {translate('tianping.cases.paused_since', { date: when(record.pausedSince) })}
        </Alert>
      )}
      {record.pausedWorkingDays > 0 && <Chip size="small" variant="outlined" sx={{ alignSelf: 'flex-start' }} label={translate('tianping.cases.paused_days', { days: record.pausedWorkingDays })} />}
      {record.provisionalYears.length > 0 && <Alert severity="warning">{translate('tianping.cases.provisional_years', { years: record.provisionalYears.join('、') })}</Alert>}
      {record.status === 'TRANSFER_PENDING' && record.transfer && (
        <Alert severity="warning" data-testid="transfer-pending">
          {translate('tianping.cases.transfer_pending', { to: record.transfer.toTenantName ?? '—', date: when(record.transfer.decideBy), reason: record.transfer.reason })}
        </Alert>
      )}
      {record.assignment?.reportBy && (
        <Alert severity="info">{translate('tianping.cases.assignment', { from: record.assignment.fromTenantName ?? '—', date: when(record.assignment.reportBy) })}</Alert>
      )}
    </Stack>
  );
};
