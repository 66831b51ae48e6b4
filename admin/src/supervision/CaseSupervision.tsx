import { Alert, Box, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useGetIdentity, useLocaleState, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { orderStatusColors } from './choices.js';
import { CASE_ORDER_IDS, ORDERS_BY_ID } from './documents.js';
import { canIssueOrder } from './logic.js';
import { IssueOrderButton, OrderActionButtons, type OrderRecord } from './OrderActions.js';
import { useGraphql } from './useGraphql.js';

interface CaseOrders {
  node: { __typename: string; id: string; version: number; status: string; handlerTenant: { id: string; name: string } | null; supervision: { orderId: string }[] } | null;
}
type Order = OrderRecord & {
  reason: string;
  respondBy: string;
  issuedAt: string;
  respondedAt: string | null;
  response: string | null;
  reminders: number;
  overdue: boolean;
  automatic: boolean;
  issuer: { displayName: string } | null;
  issuerTenant: { id: string; name: string } | null;
};

/**
 * A case's supervision orders (督办) for the case page: reads the Case from the record context,
 * lists its orders with what the viewer may do, and offers "issue" to supervisors above the handler.
 */
export const CaseSupervision = () => {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refreshPage = useRefresh();
  const { identity } = useGetIdentity();
  const viewer = identity as TianpingIdentity | undefined;
  const ids = useGraphql<CaseOrders>(CASE_ORDER_IDS, record ? { id: String(record.id) } : null);
  const c = ids.data?.node?.__typename === 'Case' ? ids.data.node : null;
  const orderIds = c?.supervision.map((s) => s.orderId) ?? [];
  const orders = useGraphql<{ nodes: (Order & { __typename: string } | null)[] }>(ORDERS_BY_ID, orderIds.length ? { ids: orderIds } : null);
  if (!record) return null;
  const rows = (orders.data?.nodes ?? []).filter((n): n is Order & { __typename: string } => !!n && n.__typename === 'SupervisionOrder');
  const reload = () => {
    ids.reload();
    orders.reload();
    refreshPage(); // the case's version and ledger moved on too
  };
  return (
    <Box data-testid="case-supervision">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1">{translate('tianping.supervision.orders.of_case')}</Typography>
        {c && canIssueOrder(viewer, c.handlerTenant?.id, c.status) && <IssueOrderButton caseId={c.id} version={c.version} onDone={reload} />}
      </Stack>
      {(ids.loading || orders.loading) && <LinearProgress />}
      {(ids.error || orders.error) && <Alert severity="error">{(ids.error ?? orders.error)!.message}</Alert>}
      {c && !orderIds.length && (
        <Typography variant="body2" color="text.secondary">
          {translate('tianping.supervision.orders.none')}
        </Typography>
      )}
      {rows.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.supervisionOrders.fields.issuerTenant.name')}</TableCell>
              <TableCell>{translate('resources.supervisionOrders.fields.reason')}</TableCell>
              <TableCell>{translate('resources.supervisionOrders.fields.status')}</TableCell>
              <TableCell>{translate('resources.supervisionOrders.fields.respondBy')}</TableCell>
              <TableCell>{translate('resources.supervisionOrders.fields.response')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((o) => (
              <TableRow key={o.id} data-testid="case-order" data-status={o.status}>
                <TableCell>
                  {o.issuerTenant?.name ?? '—'}
                  <Typography variant="caption" sx={{ display: "block" }} color="text.secondary">
                    {o.automatic ? translate('tianping.supervision.orders.automatic') : (o.issuer?.displayName ?? '')} · {formatDateTime(o.issuedAt, locale, 'short')}
                  </Typography>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'pre-line' }}>{o.reason}</TableCell>
                <TableCell>
                  <Chip size="small" color={orderStatusColors[o.status]} label={translate(`enums.SupervisionStatus.${o.status}`)} />
                  {o.reminders > 0 && <Typography variant="caption" sx={{ display: "block" }}>{translate('tianping.supervision.orders.reminded_n', { n: o.reminders })}</Typography>}
                </TableCell>
                <TableCell>
                  {formatDateTime(o.respondBy, locale, 'short')}
                  {o.overdue && <Chip size="small" color="error" label={translate('tianping.due.overdue')} sx={{ ml: 0.5 }} />}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'pre-line' }}>{o.response ?? '—'}</TableCell>
                <TableCell>
                  <OrderActionButtons order={o} onDone={reload} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
