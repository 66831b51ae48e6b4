import { Alert, Box, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../shared/DateTimeField.js';
import type { CaseRecord, Material } from './types.js';
import { useChecklist } from './useCaseData.js';

/** A material's name from the checklist; a free item (`other:<slug>`) is named by its note. */
export const materialName = (key: string, checklist: Material[] | null | undefined) => checklist?.find((m) => m.key === key)?.name ?? null;

/**
 * The service item's materials checklist (required and optional) and every one-time notice sent
 * (Art. 14): what was asked, why a later notice asked for more, and whether it was flagged.
 */
export const MaterialsPanel = () => {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const checklist = useChecklist(record?.id);
  if (!record) return null;
  const requests = record.materialsRequests ?? [];
  const asked = new Set(requests.flatMap((r) => r.items.map((i) => i.key)));
  return (
    <Stack spacing={3} data-testid="materials-panel">
      <Box>
        <Typography variant="subtitle1">{translate('tianping.cases.checklist')}</Typography>
        {checklist === null && <Typography variant="body2">{translate('tianping.cases.no_checklist')}</Typography>}
        {checklist && (
          <List dense>
            {checklist.map((m) => (
              <ListItem key={m.key} disableGutters>
                <ListItemText
                  primary={
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>{m.name}</span>
                      <Chip size="small" variant="outlined" color={m.required ? 'primary' : 'default'} label={translate(m.required ? 'tianping.cases.required' : 'tianping.cases.optional')} />
                      {asked.has(m.key) && <Chip size="small" color="warning" label={translate('enums.CaseEventType.MATERIALS_REQUESTED')} />}
                    </Stack>
                  }
                  secondary={m.note}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
      <Box>
        <Typography variant="subtitle1">{translate('tianping.cases.requests')}</Typography>
        {requests.length === 0 && <Typography variant="body2">{translate('tianping.cases.no_requests')}</Typography>}
        {requests.map((r, n) => (
          <Box key={r.at} sx={{ borderLeft: 3, borderColor: r.flagged ? 'warning.main' : 'divider', pl: 2, my: 1 }} data-testid="materials-request">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle2">
                {n + 1}. {formatDateTime(r.at, locale)}
              </Typography>
              {r.flagged && <Chip size="small" color="warning" label={translate('tianping.cases.flagged_request')} />}
            </Stack>
            {r.reason && <Alert severity="warning" sx={{ my: 0.5 }}>{r.reason}</Alert>}
            <List dense disablePadding>
              {r.items.map((i) => (
                <ListItem key={i.key} disableGutters>
                  <ListItemText primary={materialName(i.key, checklist) ?? translate('tianping.cases.other_material')} secondary={i.note} />
                </ListItem>
              ))}
            </List>
          </Box>
        ))}
      </Box>
    </Stack>
  );
};
