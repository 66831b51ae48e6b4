import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Button, Card, CardContent, Chip, IconButton, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { ADD_CLOSURE, CALENDAR, REMOVE_CLOSURE } from './documents.js';
import { daysIn } from './holidayForm.js';
import { type HolidayYear, HolidayYearDialog } from './HolidayYearDialog.js';
import { MissingYearsWarning, useMaintainsCalendar } from './MissingYearsWarning.js';
import { useSubmit } from './useSubmit.js';

interface Closure {
  id: string;
  date: string;
  reason: string;
}
interface CalendarData {
  holidayYears: HolidayYear[];
  tenantClosures: Closure[];
  missingHolidayYears: number[];
}

const YearView = ({ year }: { year: HolidayYear }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Box data-testid={`holiday-year-${year.year}`}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('tianping.calendar.holiday_name')}</TableCell>
            <TableCell>{translate('tianping.calendar.from')}</TableCell>
            <TableCell>{translate('tianping.calendar.to')}</TableCell>
            <TableCell>{translate('tianping.calendar.days')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {year.off.map((r) => (
            <TableRow key={`${r.name}-${r.from}`}>
              <TableCell>{r.name}</TableCell>
              <TableCell>{r.from}</TableCell>
              <TableCell>{r.to}</TableCell>
              <TableCell>{daysIn(r.from, r.to)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('tianping.calendar.makeup_workdays')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        {year.makeupWorkdays.length ? year.makeupWorkdays.map((d) => <Chip key={d} size="small" label={d} />) : '—'}
      </Box>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
        {year.source ? `${translate('tianping.calendar.source')}: ${year.source} · ` : ''}
        {translate('resources.tenants.fields.updatedAt')}: {formatDateTime(year.updatedAt, locale)}
      </Typography>
    </Box>
  );
};

const Closures = ({ rows, onChanged }: { rows: Closure[]; onChanged(): void }) => {
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [removing, setRemoving] = useState<Closure | null>(null);
  const { busy, errors, run } = useSubmit();
  const add = async () => {
    if (await run(() => dp.graphql(ADD_CLOSURE, { input: { date, reason } }), 'tianping.calendar.closure_added')) {
      setDate('');
      setReason('');
      onChanged();
    }
  };
  const remove = async () => {
    const c = removing;
    setRemoving(null);
    if (c && (await run(() => dp.graphql(REMOVE_CLOSURE, { id: c.id }), 'tianping.calendar.closure_removed'))) onChanged();
  };
  return (
    <>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', mb: 1 }} data-testid="add-closure">
        <TextField size="small" type="date" fullWidth={false} sx={{ width: 180 }} label={translate('tianping.calendar.date')} value={date} onChange={(e) => setDate(e.target.value)} error={!!errors.date} helperText={errors.date ?? ' '} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'closure-date' } }} />
        <TextField size="small" label={translate('tianping.calendar.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={!!errors.reason} helperText={errors.reason ?? ' '} fullWidth={false} sx={{ flex: 1, minWidth: 220 }} slotProps={{ htmlInput: { 'data-testid': 'closure-reason' } }} />
        <Button variant="contained" startIcon={<AddIcon />} onClick={add} disabled={busy || !date}>
          {translate('ra.action.add')}
        </Button>
      </Box>
      {rows.length ? (
        <Table size="small" data-testid="closures">
          <TableBody>
            {[...rows]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((c) => (
                <TableRow key={c.id}>
                  <TableCell sx={{ width: 140 }}>{c.date}</TableCell>
                  <TableCell>{c.reason}</TableCell>
                  <TableCell align="right">
                    <IconButton size="small" onClick={() => setRemoving(c)} aria-label={translate('tianping.calendar.remove_closure', { date: c.date })}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">{translate('tianping.calendar.no_closures')}</Typography>
      )}
      <Confirm
        isOpen={!!removing}
        title="tianping.calendar.remove_closure"
        translateOptions={{ date: removing?.date ?? '' }}
        content="tianping.calendar.remove_closure_content"
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      />
    </>
  );
};

/** Years loaded, their days off and make-up workdays (Art. 15), and the tenant's own closures. */
export const CalendarPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dp = useDataProvider<TianpingDataProvider>();
  const maintains = useMaintainsCalendar();
  const [data, setData] = useState<CalendarData | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ year: number; initial?: HolidayYear } | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await dp.graphql<CalendarData>(CALENDAR));
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  }, [dp, notify]);
  useEffect(() => void load(), [load]);
  if (!data) return null;
  const years = [...data.holidayYears].sort((a, b) => a.year - b.year);
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const shown = years.find((y) => y.year === selected) ?? years.find((y) => y.year === thisYear) ?? years[years.length - 1];
  const nextToLoad = data.missingHolidayYears[0] ?? (years.length ? years[years.length - 1]!.year + 1 : thisYear);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <MissingYearsWarning years={data.missingHolidayYears} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1, gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="h6">{translate('tianping.calendar.years')}</Typography>
            {maintains && (
              <Box sx={{ display: 'flex', gap: 1 }}>
                {shown && (
                  <Button startIcon={<EditIcon />} onClick={() => setEditing({ year: shown.year, initial: shown })}>
                    {translate('tianping.calendar.edit_year')}
                  </Button>
                )}
                <Button startIcon={<AddIcon />} variant="contained" onClick={() => setEditing({ year: nextToLoad })}>
                  {translate('tianping.calendar.load_year')}
                </Button>
              </Box>
            )}
          </Box>
          <Box sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }} data-testid="holiday-years">
            {years.map((y) => (
              <Chip key={y.year} label={y.year} color={y.year === shown?.year ? 'primary' : 'default'} onClick={() => setSelected(y.year)} />
            ))}
            {data.missingHolidayYears.map((y) => (
              <Chip key={`missing-${y}`} label={`${y} · ${translate('tianping.calendar.not_loaded')}`} color="warning" variant="outlined" />
            ))}
          </Box>
          {shown ? <YearView year={shown} /> : <Typography variant="body2">{translate('tianping.calendar.no_years')}</Typography>}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">{translate('tianping.calendar.closures')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('tianping.calendar.closures_help')}
          </Typography>
          <Closures rows={data.tenantClosures} onChanged={() => void load()} />
        </CardContent>
      </Card>
      {editing && <HolidayYearDialog year={editing.year} initial={editing.initial} onClose={() => setEditing(null)} onSaved={() => void load()} />}
    </Box>
  );
};
