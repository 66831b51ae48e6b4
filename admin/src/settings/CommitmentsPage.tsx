import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Button, Card, CardContent, Chip, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { type Commitment, CommitmentDialog, metricUnit } from './CommitmentDialog.js';
import { nextSortOrder, reorder } from './commitmentOrder.js';
import { COMMITMENTS, UPDATE_COMMITMENT } from './documents.js';

/** The tenant's service commitments (Art. 16) in their public order; published ones appear on its disclosure page. */
export const CommitmentsPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dp = useDataProvider<TianpingDataProvider>();
  const [rows, setRows] = useState<Commitment[] | null>(null);
  const [editing, setEditing] = useState<Commitment | 'new' | null>(null);
  const [moving, setMoving] = useState(false);
  const load = useCallback(async () => {
    try {
      setRows((await dp.graphql<{ commitments: Commitment[] }>(COMMITMENTS)).commitments);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      setRows([]);
    }
  }, [dp, notify]);
  useEffect(() => void load(), [load]);

  const move = async (index: number, delta: -1 | 1) => {
    if (!rows) return;
    setMoving(true);
    try {
      // One update per renumbered commitment, each with its own version.
      for (const { row, sortOrder } of reorder(rows, index, delta)) {
        const { id, version, kind, title, body, metric, target, published } = row;
        await dp.graphql(UPDATE_COMMITMENT, { input: { id, version, kind, title, body, metric, target, published, sortOrder } });
      }
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setMoving(false);
      void load();
    }
  };

  const unitLabel = (m: string | null) => {
    const u = metricUnit(m);
    return u === '%' ? '%' : u ? ` ${translate(u)}` : '';
  };

  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('tianping.commitments.intro')}
          </Typography>
          <Button startIcon={<AddIcon />} variant="contained" onClick={() => setEditing('new')}>
            {translate('tianping.commitments.add')}
          </Button>
        </Box>
        {rows && !rows.length && <Typography variant="body2">{translate('tianping.commitments.none')}</Typography>}
        {!!rows?.length && (
          <Table size="small" data-testid="commitments">
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell>{translate('resources.commitments.fields.title')}</TableCell>
                <TableCell>{translate('resources.commitments.fields.kind')}</TableCell>
                <TableCell>{translate('resources.commitments.fields.metric')}</TableCell>
                <TableCell>{translate('resources.commitments.fields.published')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((c, i) => (
                <TableRow key={c.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <IconButton size="small" disabled={moving || i === 0} onClick={() => void move(i, -1)} aria-label={translate('tianping.commitments.up')}>
                      <ArrowUpwardIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" disabled={moving || i === rows.length - 1} onClick={() => void move(i, 1)} aria-label={translate('tianping.commitments.down')}>
                      <ArrowDownwardIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {c.title}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'pre-line' }}>
                      {c.body}
                    </Typography>
                  </TableCell>
                  <TableCell>{translate(`enums.CommitmentKind.${c.kind}`)}</TableCell>
                  <TableCell>{c.metric ? `${translate(`enums.CommitmentMetric.${c.metric}`)} ${c.metric.endsWith('_RATE') ? '≥' : '≤'} ${c.target ?? ''}${unitLabel(c.metric)}` : '—'}</TableCell>
                  <TableCell>
                    <Chip size="small" color={c.published ? 'success' : 'default'} label={translate(c.published ? 'tianping.commitments.published' : 'tianping.commitments.draft')} />
                  </TableCell>
                  <TableCell>
                    <IconButton size="small" onClick={() => setEditing(c)} aria-label={translate('ra.action.edit')}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {editing && (
          <CommitmentDialog commitment={editing === 'new' ? undefined : editing} sortOrder={nextSortOrder(rows ?? [])} onClose={() => setEditing(null)} onSaved={() => void load()} />
        )}
      </CardContent>
    </Card>
  );
};
