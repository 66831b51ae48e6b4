import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { SET_HOLIDAY_ARRANGEMENT } from './documents.js';
import { arrangementInput, type RangeRow } from './holidayForm.js';
import { useSubmit } from './useSubmit.js';

export interface HolidayYear {
  year: number;
  version: number;
  source: string | null;
  updatedAt: string;
  makeupWorkdays: string[];
  off: RangeRow[];
}

/**
 * Load or correct one year's national arrangement (the State Council's notice), root admins only.
 * The server rebuilds the calendar with it and names the offending row (`off.1.to`) if it does not fit.
 */
export function HolidayYearDialog({ year, initial, onClose, onSaved }: { year: number; initial?: HolidayYear; onClose(): void; onSaved(): void }) {
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const [yearText, setYearText] = useState(String(initial?.year ?? year));
  const [rows, setRows] = useState<RangeRow[]>(initial?.off.length ? initial.off : [{ name: '', from: '', to: '' }]);
  const [makeup, setMakeup] = useState((initial?.makeupWorkdays ?? []).join(', '));
  const [source, setSource] = useState(initial?.source ?? '');
  const { busy, errors, run } = useSubmit();
  const setRow = (i: number, patch: Partial<RangeRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const makeupError = Object.entries(errors).find(([k]) => k.startsWith('makeupWorkdays'))?.[1];

  const submit = async () => {
    const input = arrangementInput(Number(yearText), rows, makeup, source, initial?.version);
    if (await run(() => dp.graphql(SET_HOLIDAY_ARRANGEMENT, { input }), 'tianping.settings.saved')) {
      onSaved();
      onClose();
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" data-testid="holiday-year-dialog">
      <DialogTitle>{translate(initial ? 'tianping.calendar.edit_year' : 'tianping.calendar.load_year')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1.5, pt: '8px !important' }}>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <TextField fullWidth={false} label={translate('tianping.calendar.year')} type="number" value={yearText} onChange={(e) => setYearText(e.target.value)} disabled={!!initial} error={!!errors.year} helperText={errors.year} sx={{ width: 140 }} />
          <TextField label={translate('tianping.calendar.source')} value={source} onChange={(e) => setSource(e.target.value)} error={!!errors.source} helperText={errors.source ?? translate('tianping.calendar.source_help')} fullWidth />
        </Box>
        <Typography variant="subtitle2">{translate('tianping.calendar.days_off')}</Typography>
        {errors.off && <Typography color="error" variant="caption">{errors.off}</Typography>}
        {rows.map((r, i) => (
          <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField fullWidth={false} size="small" label={translate('tianping.calendar.holiday_name')} value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} error={!!errors[`off.${i}.name`]} helperText={errors[`off.${i}.name`]} />
            <TextField fullWidth={false} size="small" type="date" label={translate('tianping.calendar.from')} value={r.from} onChange={(e) => setRow(i, { from: e.target.value })} error={!!errors[`off.${i}.from`]} helperText={errors[`off.${i}.from`]} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField fullWidth={false} size="small" type="date" label={translate('tianping.calendar.to')} value={r.to} onChange={(e) => setRow(i, { to: e.target.value })} error={!!errors[`off.${i}.to`]} helperText={errors[`off.${i}.to`]} slotProps={{ inputLabel: { shrink: true } }} />
            <IconButton onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={translate('ra.action.remove')} disabled={rows.length === 1}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Box>
        ))}
        <Box>
          <Button startIcon={<AddIcon />} size="small" onClick={() => setRows((rs) => [...rs, { name: '', from: '', to: '' }])}>
            {translate('ra.action.add')}
          </Button>
        </Box>
        <TextField
          label={translate('tianping.calendar.makeup_workdays')}
          value={makeup}
          onChange={(e) => setMakeup(e.target.value)}
          error={!!makeupError}
          helperText={makeupError ?? translate('tianping.calendar.makeup_help')}
          multiline
          fullWidth
        />
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
