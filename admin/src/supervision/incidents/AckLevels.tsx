import { Box, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useDataProvider, useGetIdentity, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../../auth/authProvider.js';
import type { TianpingDataProvider } from '../../dataProvider/index.js';
import { formatDateTime } from '../../shared/DateTimeField.js';
import { ACKNOWLEDGE_INCIDENT } from '../documents.js';
import { canAcknowledge, type LevelLike } from '../logic.js';

export interface Level extends LevelLike {
  ackDueAt: string;
  overdue: boolean;
  escalatedAt: string | null;
  acknowledgedBy: { id: string; displayName: string } | null;
}
export interface IncidentRecord {
  id: string;
  version: number;
  status: 'OPEN' | 'RESOLVED';
  tenant: { id: string; name: string } | null;
  levels: Level[];
}

/** The viewer acknowledges for their tenant's level (签收); only offered while that level has not. */
export const AcknowledgeButton = ({ incident }: { incident: IncidentRecord }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const [busy, setBusy] = useState(false);
  if (!canAcknowledge(incident.levels, identity as TianpingIdentity | undefined)) return null;
  const run = async (e: { stopPropagation(): void }) => {
    e.stopPropagation();
    setBusy(true);
    try {
      await dp.graphql(ACKNOWLEDGE_INCIDENT, { input: { id: incident.id } });
      notify('tianping.supervision.incidents.acknowledged', { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return <Button label="tianping.supervision.incidents.acknowledge" onClick={run} disabled={busy} variant="contained" size="small" color="warning" data-testid="acknowledge" />;
};

/** Each level up the chain, nearest first: acknowledged by whom and when, or due by when (overdue, escalated). */
export const AckLevels = ({ compact = false }: { compact?: boolean }) => {
  const record = useRecordContext<IncidentRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const levels = [...record.levels].sort((a, b) => a.depth - b.depth);
  if (!levels.length) return <Typography variant="body2">{translate('tianping.supervision.incidents.no_levels')}</Typography>;
  return (
    <Stack direction={compact ? 'row' : 'column'} spacing={compact ? 0.5 : 1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="ack-levels">
      {levels.map((l) => {
        const done = !!l.acknowledgedAt;
        const name = l.tenant?.name ?? translate('tianping.supervision.incidents.level_n', { n: l.depth });
        const state = done ? 'acknowledged' : l.overdue ? 'overdue' : 'pending';
        if (compact) {
          return (
            <Chip
              key={l.depth}
              size="small"
              data-level={l.depth}
              data-state={state}
              color={done ? 'success' : l.overdue ? 'error' : 'default'}
              variant={done ? 'filled' : 'outlined'}
              label={`${name} · ${translate(`tianping.supervision.incidents.state_${state}`)}`}
            />
          );
        }
        return (
          <Box key={l.depth} data-level={l.depth} data-state={state} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" label={translate('tianping.supervision.incidents.level_n', { n: l.depth })} />
            <Typography variant="body2" sx={{ minWidth: 180 }}>
              {name}
            </Typography>
            <Chip size="small" color={done ? 'success' : l.overdue ? 'error' : 'warning'} label={translate(`tianping.supervision.incidents.state_${state}`)} />
            <Typography variant="body2" color="text.secondary">
              {done
                ? translate('tianping.supervision.incidents.acknowledged_by', { name: l.acknowledgedBy?.displayName ?? '—', at: formatDateTime(l.acknowledgedAt!, locale, 'short') })
                : translate('tianping.supervision.incidents.ack_due', { at: formatDateTime(l.ackDueAt, locale, 'short') })}
              {l.escalatedAt ? ` · ${translate('tianping.supervision.incidents.escalated_at', { at: formatDateTime(l.escalatedAt, locale, 'short') })}` : ''}
            </Typography>
          </Box>
        );
      })}
    </Stack>
  );
};
