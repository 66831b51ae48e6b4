import { Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, Labeled, NumberField, required, Show, SimpleShowLayout, TextField, TextInput, useDataProvider, useGetIdentity, useLocaleState, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../../auth/authProvider.js';
import type { TianpingDataProvider } from '../../dataProvider/index.js';
import { DateTimeField, formatDateTime } from '../../shared/DateTimeField.js';
import { EnumField } from '../../shared/EnumField.js';
import { incidentStatusColors, severityColors } from '../choices.js';
import { ADD_INCIDENT_UPDATE, RESOLVE_INCIDENT } from '../documents.js';
import { isReporter } from '../logic.js';
import { MutationDialog } from '../OrderActions.js';
import { AckLevels, AcknowledgeButton, type IncidentRecord } from './AckLevels.js';

interface Update {
  at: string;
  kind: string;
  text: string;
  by: { displayName: string } | null;
}

/** The report and its follow-ups (续报) and resolution (处置完毕), oldest first. */
const History = () => {
  const record = useRecordContext<IncidentRecord & { history: Update[]; reportedAt: string; reporter: { displayName: string } | null; description: string }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const items = [
    { at: record.reportedAt, kind: 'REPORT', text: record.description, by: record.reporter },
    ...record.history,
  ];
  return (
    <Stack component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="incident-history">
      {items.map((u, i) => (
        <Box component="li" key={`${u.at}-${i}`} sx={{ display: 'flex', gap: 2 }}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
            <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: u.kind === 'RESOLUTION' ? 'success.main' : 'primary.main' }} />
            {i < items.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5 }} />}
          </Box>
          <Box sx={{ pb: 2 }}>
            <Typography variant="subtitle2">
              {translate(`tianping.supervision.incidents.update_${u.kind}`, { _: u.kind })}{' '}
              <Typography component="span" variant="caption" color="text.secondary">
                {formatDateTime(u.at, locale)} · {u.by?.displayName ?? '—'}
              </Typography>
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
              {u.text}
            </Typography>
          </Box>
        </Box>
      ))}
    </Stack>
  );
};

/** The reporting tenant adds a follow-up or resolves the incident. */
const FollowUp = () => {
  const record = useRecordContext<IncidentRecord>();
  const dp = useDataProvider<TianpingDataProvider>();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [open, setOpen] = useState<'update' | 'resolve' | null>(null);
  if (!record || record.status !== 'OPEN' || !isReporter(record, identity as TianpingIdentity | undefined)) return null;
  const send = (doc: string) => (v: Record<string, unknown>) => dp.graphql(doc, { input: { id: record.id, version: record.version, text: String(v.text ?? '').trim() } });
  return (
    <Stack direction="row" spacing={1}>
      <Button label="tianping.supervision.incidents.add_update" onClick={() => setOpen('update')} variant="outlined" size="small" />
      <Button label="tianping.supervision.incidents.resolve" onClick={() => setOpen('resolve')} variant="contained" size="small" color="success" />
      <MutationDialog open={open === 'update'} title={translate('tianping.supervision.incidents.add_update')} onClose={() => setOpen(null)} send={send(ADD_INCIDENT_UPDATE)} done="tianping.supervision.incidents.updated" onDone={refresh}>
        <TextInput source="text" multiline minRows={3} fullWidth validate={required()} label="resources.incidents.fields.text" />
      </MutationDialog>
      <MutationDialog open={open === 'resolve'} title={translate('tianping.supervision.incidents.resolve')} onClose={() => setOpen(null)} send={send(RESOLVE_INCIDENT)} done="tianping.supervision.incidents.resolved" onDone={refresh}>
        <TextInput source="text" multiline minRows={3} fullWidth validate={required()} label="resources.incidents.fields.text" />
      </MutationDialog>
    </Stack>
  );
};

const Actions = () => {
  const record = useRecordContext<IncidentRecord>();
  return record ? (
    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', pt: 1 }}>
      <AcknowledgeButton incident={record} />
      <FollowUp />
    </Stack>
  ) : null;
};

/** One incident: what happened, each level's acknowledgement, and its history. */
export const IncidentShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Labeled>
          <EnumField source="severity" enumName="IncidentSeverity" chip colors={severityColors} />
        </Labeled>
        <Labeled>
          <EnumField source="category" enumName="IncidentCategory" />
        </Labeled>
        <Labeled>
          <EnumField source="status" enumName="IncidentStatus" chip colors={incidentStatusColors} />
        </Labeled>
        <Labeled>
          <TextField source="tenant.name" emptyText="—" />
        </Labeled>
        <Labeled>
          <DateTimeField source="occurredAt" />
        </Labeled>
        <Labeled>
          <DateTimeField source="reportedAt" />
        </Labeled>
        <Labeled>
          <DateTimeField source="resolvedAt" emptyText="—" />
        </Labeled>
        <Labeled>
          <NumberField source="peopleCount" />
        </Labeled>
      </Box>
      <TextField source="place" />
      <TextField source="actionsTaken" sx={{ whiteSpace: 'pre-line' }} />
      <Labeled source="levels">
        <AckLevels />
      </Labeled>
      <Labeled source="history">
        <History />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
