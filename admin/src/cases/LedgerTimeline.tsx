import { Box, Chip, Stack, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../shared/DateTimeField.js';

interface LedgerEvent {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  hash: string;
  payload: Record<string, unknown> | null;
  actor: { id: string; displayName: string } | null;
  actorTenant: { id: string; name: string } | null;
}

/** The free text of an event's payload (personal data already masked by the server; codes left out). */
function summary(payload: LedgerEvent['payload']): string {
  if (!payload) return '';
  const parts: string[] = [];
  for (const key of ['reason', 'summary', 'text', 'note', 'toTenantName', 'legalBasis']) {
    const v = payload[key];
    if (typeof v === 'string' && v) parts.push(v);
  }
  return parts.join(' · ').slice(0, 300);
}

/** The work ledger (Art. 18): every event of the case, oldest first, as the server hash-chained it. */
export const LedgerTimeline = () => {
  const record = useRecordContext<{ ledger: LedgerEvent[] }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  if (!record.ledger.length) return <Typography variant="body2">{translate('tianping.cases.empty_ledger')}</Typography>;
  return (
    <Stack component="ol" spacing={0} sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="ledger-timeline">
      {record.ledger.map((e, i) => (
        <Box component="li" key={e.seq} sx={{ display: 'flex', gap: 2 }}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
            <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: 'primary.main' }} />
            {i < record.ledger.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5 }} />}
          </Box>
          <Box sx={{ pb: 2, minWidth: 0 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle2">{translate(`enums.CaseEventType.${e.type}`, { _: e.type })}</Typography>
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(e.at, locale)}
              </Typography>
              <Chip size="small" variant="outlined" label={`${translate('tianping.cases.seq')} ${e.seq}`} />
            </Stack>
            <Typography variant="body2" color="text.secondary">
              {e.actor ? e.actor.displayName : translate('tianping.cases.actor_system')}
              {e.actorTenant ? ` · ${e.actorTenant.name}` : ''}
            </Typography>
            {summary(e.payload) && <Typography variant="body2">{summary(e.payload)}</Typography>}
            <Typography variant="caption" color="text.disabled" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} title={e.hash}>
              {translate('tianping.cases.hash')} {e.hash.slice(0, 16)}…
            </Typography>
          </Box>
        </Box>
      ))}
    </Stack>
  );
};
