import { Box, Card, CardContent, Stack, Typography, useTheme } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { barLengths, percent, shares, trend } from './logic.js';

/** Hand-drawn SVG charts (no chart library): horizontal bars, a rate bar, stacked shares. */

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The previous period's value, drawn as a thin bar under it. */
  previous?: number;
}

const ROW = 26;
const LABEL = 120;
const WIDTH = 420;

/** Horizontal bars, one a row, with the previous period as a thin grey bar beneath. */
export const BarChart = ({ bars, testId }: { bars: Bar[]; testId?: string }) => {
  const theme = useTheme();
  const barArea = WIDTH - LABEL - 50;
  const all = barLengths([...bars.map((b) => b.value), ...bars.map((b) => b.previous ?? 0)], barArea);
  const now = all.slice(0, bars.length);
  const before = all.slice(bars.length);
  const height = bars.length * ROW + 4;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" data-testid={testId} style={{ maxWidth: WIDTH, display: 'block' }}>
      {bars.map((b, i) => (
        <g key={b.key} transform={`translate(0, ${i * ROW + 2})`} data-key={b.key} data-value={b.value}>
          <text x={LABEL - 6} y={13} textAnchor="end" fontSize={12} fill={theme.palette.text.primary}>
            {b.label}
          </text>
          <rect x={LABEL} y={2} width={Math.max(now[i]!, b.value > 0 ? 1 : 0)} height={13} rx={2} fill={theme.palette.primary.main} />
          {b.previous !== undefined && <rect x={LABEL} y={17} width={before[i]!} height={4} rx={1} fill={theme.palette.grey[400]} />}
          <text x={LABEL + now[i]! + 4} y={13} fontSize={12} fill={theme.palette.text.secondary}>
            {b.value}
          </text>
        </g>
      ))}
    </svg>
  );
};

/** A rate from 0 to 1 as a filled bar; empty and "—" when there is nothing to measure. */
export const RateBar = ({ label, rate, previous, detail, testId }: { label: string; rate: number | null; previous?: number | null; detail?: string; testId?: string }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const t = trend(rate, previous);
  const color = rate == null ? theme.palette.grey[300] : rate >= 0.9 ? theme.palette.success.main : rate >= 0.7 ? theme.palette.warning.main : theme.palette.error.main;
  return (
    <Box data-testid={testId} data-rate={rate ?? ''}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
        <Typography variant="body2">{label}</Typography>
        <Typography variant="h6">{percent(rate)}</Typography>
      </Stack>
      <svg viewBox="0 0 300 10" width="100%" preserveAspectRatio="none" style={{ display: 'block', height: 10 }}>
        <rect x={0} y={0} width={300} height={10} rx={3} fill={theme.palette.grey[200]} />
        <rect x={0} y={0} width={rate == null ? 0 : Math.max(0, Math.min(1, rate)) * 300} height={10} rx={3} fill={color} />
        {previous != null && <rect x={Math.max(0, Math.min(1, previous)) * 300 - 1} y={0} width={2} height={10} fill={theme.palette.text.primary} />}
      </svg>
      <Typography variant="caption" color="text.secondary">
        {detail ? `${detail} · ` : ''}
        {translate('tianping.supervision.dashboard.previous')} {percent(previous)}
        {t.delta !== null && t.direction !== 'same' ? ` (${t.delta > 0 ? '+' : ''}${(t.delta * 100).toFixed(1)})` : ''}
      </Typography>
    </Box>
  );
};

const PALETTE = ['#2e7d32', '#66bb6a', '#c0ca33', '#ffa726', '#e53935'];

/** One stacked bar of shares (the satisfaction distribution, best first), with a legend. */
export const StackedShares = ({ parts, testId }: { parts: Bar[]; testId?: string }) => {
  const s = shares(parts.map((p) => p.value));
  let x = 0;
  return (
    <Box data-testid={testId}>
      <svg viewBox="0 0 300 16" width="100%" preserveAspectRatio="none" style={{ display: 'block', height: 16 }}>
        <rect x={0} y={0} width={300} height={16} fill="#eeeeee" />
        {parts.map((p, i) => {
          const w = s[i]! * 300;
          const r = <rect key={p.key} x={x} y={0} width={w} height={16} fill={PALETTE[i % PALETTE.length]} />;
          x += w;
          return r;
        })}
      </svg>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
        {parts.map((p, i) => (
          <Stack key={p.key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 10, height: 10, bgcolor: PALETTE[i % PALETTE.length] }} />
            <Typography variant="caption">
              {p.label} {p.value} ({percent(s[i])})
            </Typography>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
};

/** A number with the previous period's beside it and the change. `lowerIsBetter` colours the change. */
export const Figure = ({ label, value, previous, lowerIsBetter, testId }: { label: string; value: number | null; previous?: number | null; lowerIsBetter?: boolean; testId?: string }) => {
  const translate = useTranslate();
  const t = trend(value, previous);
  const good = t.direction === 'same' || t.direction === 'none' ? undefined : (t.direction === 'down') === !!lowerIsBetter;
  return (
    <Box data-testid={testId} sx={{ minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5">{value ?? '—'}</Typography>
      <Typography variant="caption" color={good === undefined ? 'text.secondary' : good ? 'success.main' : 'error.main'}>
        {translate('tianping.supervision.dashboard.previous')} {previous ?? '—'}
        {t.delta !== null && t.delta !== 0 ? ` (${t.delta > 0 ? '+' : ''}${Math.round(t.delta * 10) / 10})` : ''}
      </Typography>
    </Box>
  );
};

/** A titled card of the dashboard. */
export const Panel = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Card variant="outlined" data-testid={testId} sx={{ flex: '1 1 360px', minWidth: 300 }}>
    <CardContent>
      <Typography variant="subtitle1" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);
