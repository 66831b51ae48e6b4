import { Link, Table, TableBody, TableCell, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { percent, sortTenantRows, type TenantRow, type TenantSortKey } from './logic.js';

const COLUMNS: { key: TenantSortKey; numeric: boolean }[] = [
  { key: 'name', numeric: false },
  { key: 'received', numeric: true },
  { key: 'resolved', numeric: true },
  { key: 'overdue', numeric: true },
  { key: 'onTimeCommittedRate', numeric: true },
  { key: 'satisfactionRate', numeric: true },
];

/** The subtree roll-up (`byTenant`): the tenant's own row and each child's subtree; sortable; a child opens its own view. */
export const TenantTable = ({ rows, onOpen }: { rows: TenantRow[]; onOpen: (tenantId: string) => void }) => {
  const translate = useTranslate();
  const [sort, setSort] = useState<{ key: TenantSortKey; order: 'asc' | 'desc' }>({ key: 'received', order: 'desc' });
  const sorted = sortTenantRows(rows, sort.key, sort.order);
  const toggle = (key: TenantSortKey) => setSort((s) => ({ key, order: s.key === key && s.order === 'desc' ? 'asc' : key === 'name' ? 'asc' : 'desc' }));
  return (
    <Table size="small" data-testid="by-tenant">
      <TableHead>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableCell key={c.key} align={c.numeric ? 'right' : 'left'} sortDirection={sort.key === c.key ? sort.order : false}>
              <TableSortLabel active={sort.key === c.key} direction={sort.key === c.key ? sort.order : 'asc'} onClick={() => toggle(c.key)}>
                {translate(`tianping.supervision.dashboard.columns.${c.key}`)}
              </TableSortLabel>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((r) => (
          <TableRow key={`${r.tenant.id}-${r.includesSubtree}`} hover>
            <TableCell>
              {r.includesSubtree ? (
                <Link component="button" onClick={() => onOpen(r.tenant.id)} sx={{ textAlign: 'left' }}>
                  {r.tenant.name}
                </Link>
              ) : (
                `${r.tenant.name}${translate('tianping.supervision.dashboard.own_cases')}`
              )}
            </TableCell>
            <TableCell align="right">{r.received}</TableCell>
            <TableCell align="right">{r.resolved}</TableCell>
            <TableCell align="right">{r.overdue}</TableCell>
            <TableCell align="right">{percent(r.onTimeCommittedRate)}</TableCell>
            <TableCell align="right">{percent(r.satisfactionRate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
