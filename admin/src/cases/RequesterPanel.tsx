import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { type HttpError, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { REVEAL_REQUESTER_FIELD } from './documents.js';
import { REQUESTER_FIELDS, type CaseRecord, type RequesterField } from './types.js';

/** The server's own minimum (server/usecases/cases/reveal.ts): a reason is a few words, not a letter. */
const MIN_REASON = 4;

/**
 * The requester as the server returns it: masked (Art. 26). Each recorded field has a "reveal"
 * action that asks for a reason; the unmasked value is shown in that dialog only, never kept in
 * the page or the cache, and the server writes the reason to the case's access log.
 */
export const RequesterPanel = () => {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const [field, setField] = useState<RequesterField | null>(null);
  if (!record) return null;
  return (
    <Box data-testid="requester-panel">
      <Typography variant="subtitle2" gutterBottom>
        {translate('tianping.cases.requester')}
      </Typography>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {REQUESTER_FIELDS.filter((f) => record.requester?.[f]).map((f) => (
          <Box key={f}>
            <Typography variant="caption" color="text.secondary">
              {translate(`tianping.cases.requester_field.${f}`)}
            </Typography>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" data-testid={`requester-${f}`}>
                {record.requester[f]}
              </Typography>
              <Tooltip title={translate('tianping.cases.reveal')}>
                <IconButton size="small" aria-label={`${translate('tianping.cases.reveal')} ${translate(`tianping.cases.requester_field.${f}`)}`} onClick={() => setField(f)}>
                  <VisibilityIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </Stack>
          </Box>
        ))}
        {!REQUESTER_FIELDS.some((f) => record.requester?.[f]) && <Typography variant="body2">—</Typography>}
      </Stack>
      {field && <RevealDialog caseId={record.id} field={field} onClose={() => setField(null)} />}
    </Box>
  );
};

export const RevealDialog = ({ caseId, field, onClose }: { caseId: string; field: RequesterField; onClose(): void }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<{ value: string | null } | null>(null);
  const fieldName = translate(`tianping.cases.requester_field.${field}`);
  const tooShort = reason.trim().length < MIN_REASON;

  const submit = async () => {
    if (tooShort) {
      setError(translate('tianping.server.at_least', { min: MIN_REASON }));
      return;
    }
    setBusy(true);
    try {
      const data = await dp.graphql<{ revealRequesterField: { field: RequesterField; value: string | null } }>(REVEAL_REQUESTER_FIELD, {
        input: { caseId, field, reason: reason.trim() },
      });
      setRevealed({ value: data.revealRequesterField.value });
    } catch (e) {
      const err = e as HttpError & { body?: { errors?: Record<string, unknown> } };
      const fieldError = err.body?.errors?.reason;
      if (typeof fieldError === 'string') setError(fieldError);
      else notify(err.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="reveal-title">
      <DialogTitle id="reveal-title">{translate('tianping.cases.reveal_title', { field: fieldName })}</DialogTitle>
      <DialogContent>
        {revealed ? (
          <Stack spacing={1} sx={{ pt: 1 }}>
            <Typography variant="h6" data-testid="revealed-value">
              {revealed.value ?? translate('tianping.cases.revealed_empty')}
            </Typography>
            <Alert severity="info">{translate('tianping.cases.revealed')}</Alert>
          </Stack>
        ) : (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="warning">{translate('tianping.cases.reveal_help')}</Alert>
            <TextField
              label={translate('resources.cases.fields.reason')}
              name="reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              required
              multiline
              minRows={2}
              error={!!error}
              helperText={error ?? ' '}
              autoFocus
            />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(revealed ? 'ra.action.close' : 'ra.action.cancel')}</Button>
        {!revealed && (
          <Button variant="contained" onClick={submit} disabled={busy || tooShort} data-testid="reveal-submit">
            {translate('tianping.cases.reveal')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
