import { Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CREATE_COMMITMENT, UPDATE_COMMITMENT } from './documents.js';
import { useSubmit } from './useSubmit.js';

export const COMMITMENT_KINDS = ['TIME_LIMIT', 'RESPONSE_TIME', 'QUALITY', 'ATTITUDE', 'OTHER'] as const;
export const COMMITMENT_METRICS = ['ON_TIME_RATE', 'SATISFACTION_RATE', 'HOTLINE_ANSWER_SECONDS', 'CHAT_ANSWER_SECONDS', 'MESSAGE_REPLY_MINUTES'] as const;

export interface Commitment {
  id: string;
  kind: string;
  title: string;
  body: string;
  metric: string | null;
  target: number | null;
  published: boolean;
  sortOrder: number;
  version: number;
}

/** The unit a metric's target is written in (the server checks the bounds: Art. 21). */
export const metricUnit = (metric: string | null | undefined) =>
  !metric ? '' : metric.endsWith('_RATE') ? '%' : metric.endsWith('_SECONDS') ? 'tianping.commitments.unit_seconds' : 'tianping.commitments.unit_minutes';

/** Create (no `commitment`) or edit a commitment; the server's field messages show beside each field. */
export function CommitmentDialog(props: { commitment?: Commitment; sortOrder: number; onClose(): void; onSaved(): void }) {
  const { commitment, sortOrder, onClose, onSaved } = props;
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const [kind, setKind] = useState(commitment?.kind ?? 'TIME_LIMIT');
  const [title, setTitle] = useState(commitment?.title ?? '');
  const [body, setBody] = useState(commitment?.body ?? '');
  const [metric, setMetric] = useState(commitment?.metric ?? '');
  const [target, setTarget] = useState(commitment?.target == null ? '' : String(commitment.target));
  const [published, setPublished] = useState(commitment?.published ?? false);
  const { busy, errors, run } = useSubmit();

  const submit = async () => {
    const fields = {
      kind,
      title,
      body,
      metric: metric || null,
      target: target.trim() === '' ? null : Number(target),
      published,
    };
    const input = commitment ? { id: commitment.id, version: commitment.version, sortOrder: commitment.sortOrder, ...fields } : { sortOrder, ...fields };
    const done = await run(() => dp.graphql(commitment ? UPDATE_COMMITMENT : CREATE_COMMITMENT, { input }), commitment ? 'tianping.settings.saved' : 'ra.notification.created');
    if (done) {
      onSaved();
      onClose();
    }
  };
  const unit = metricUnit(metric);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="commitment-dialog">
      <DialogTitle>{translate(commitment ? 'tianping.commitments.edit' : 'tianping.commitments.add')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1, pt: '8px !important' }}>
        <TextField select label={translate('resources.commitments.fields.kind')} value={kind} onChange={(e) => setKind(e.target.value)} error={!!errors.kind} helperText={errors.kind}>
          {COMMITMENT_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`enums.CommitmentKind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField label={translate('resources.commitments.fields.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={!!errors.title} helperText={errors.title} required slotProps={{ htmlInput: { 'data-testid': 'commitment-title' } }} />
        <TextField label={translate('resources.commitments.fields.body')} value={body} onChange={(e) => setBody(e.target.value)} error={!!errors.body} helperText={errors.body} required multiline minRows={3} slotProps={{ htmlInput: { 'data-testid': 'commitment-body' } }} />
        <TextField select label={translate('resources.commitments.fields.metric')} value={metric} onChange={(e) => setMetric(e.target.value)} error={!!errors.metric} helperText={errors.metric ?? translate('tianping.commitments.metric_help')}>
          <MenuItem value="">{translate('tianping.commitments.no_metric')}</MenuItem>
          {COMMITMENT_METRICS.map((m) => (
            <MenuItem key={m} value={m}>
              {translate(`enums.CommitmentMetric.${m}`)}
            </MenuItem>
          ))}
        </TextField>
        {metric && (
          <TextField
            type="number"
            label={`${translate('resources.commitments.fields.target')}${unit ? ` (${unit === '%' ? '%' : translate(unit)})` : ''}`}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            error={!!errors.target}
            helperText={errors.target}
          />
        )}
        <FormControlLabel control={<Switch checked={published} onChange={(e) => setPublished(e.target.checked)} />} label={translate('tianping.commitments.publish')} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
