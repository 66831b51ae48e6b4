import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { customRangeProblem, type PeriodKind, type PeriodState } from './logic.js';

const KINDS: PeriodKind[] = ['MONTH', 'QUARTER', 'YEAR', 'CUSTOM'];

/** Month / quarter / year / custom range; `periodInput` (logic.ts) turns it into the schema's input. */
export const PeriodPicker = ({ value, onChange }: { value: PeriodState; onChange: (p: PeriodState) => void }) => {
  const translate = useTranslate();
  const set = (patch: Partial<PeriodState>) => onChange({ ...value, ...patch });
  const problem = customRangeProblem(value);
  const thisYear = Number(value.month.slice(0, 4)) || new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => Math.max(thisYear, value.year) - i);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="period-picker">
      <TextField
        fullWidth={false}
        select
        size="small"
        label={translate('tianping.supervision.dashboard.period')}
        value={value.kind}
        onChange={(e) => set({ kind: e.target.value as PeriodKind })}
        slotProps={{ htmlInput: { 'data-testid': 'period-kind' } }}
        sx={{ minWidth: 120 }}
      >
        {KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`enums.StatisticsPeriodKind.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {value.kind === 'MONTH' && (
        <TextField
          fullWidth={false}
          size="small"
          type="month"
          label={translate('tianping.supervision.dashboard.month')}
          value={value.month}
          onChange={(e) => e.target.value && set({ month: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      )}
      {(value.kind === 'QUARTER' || value.kind === 'YEAR') && (
        <TextField fullWidth={false} select size="small" label={translate('tianping.supervision.dashboard.year')} value={value.year} onChange={(e) => set({ year: Number(e.target.value) })} sx={{ minWidth: 100 }}>
          {years.map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
      )}
      {value.kind === 'QUARTER' && (
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('tianping.supervision.dashboard.quarter')}
          value={value.quarter}
          onChange={(e) => set({ quarter: Number(e.target.value) as PeriodState['quarter'] })}
          sx={{ minWidth: 100 }}
        >
          {[1, 2, 3, 4].map((q) => (
            <MenuItem key={q} value={q}>
              {translate('tianping.supervision.dashboard.quarter_n', { n: q })}
            </MenuItem>
          ))}
        </TextField>
      )}
      {value.kind === 'CUSTOM' && (
        <>
          <TextField
            fullWidth={false}
            size="small"
            type="date"
            label={translate('tianping.supervision.dashboard.from')}
            value={value.from}
            onChange={(e) => set({ from: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={!!problem}
          />
          <TextField
            fullWidth={false}
            size="small"
            type="date"
            label={translate('tianping.supervision.dashboard.to')}
            value={value.to}
            onChange={(e) => set({ to: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={!!problem}
            helperText={problem ? translate(`tianping.supervision.dashboard.range_${problem}`) : undefined}
          />
        </>
      )}
    </Stack>
  );
};
