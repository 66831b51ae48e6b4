import { Chip, Link as MuiLink } from '@mui/material';
import { BooleanInput, Datagrid, FunctionField, List, SelectArrayInput, SelectInput, TextField, useGetIdentity, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { orderScopeChoices, orderStatusChoices, orderStatusColors } from './choices.js';
import { OrderActionButtons, type OrderRecord } from './OrderActions.js';

const filters = [
  <SelectInput key="scope" source="scope" choices={orderScopeChoices} alwaysOn emptyText={false as never} />,
  <BooleanInput key="overdue" source="overdue" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={orderStatusChoices} />,
];

type Row = OrderRecord & { overdue: boolean; reminders: number; case: { id: string; number: string; subject: string; confidential: boolean; handlerTenant: { id: string; name: string } | null } | null };

/**
 * The supervision queues (督办): orders my tenant issued, or orders on the cases it handles,
 * soonest respond-by first; each row offers what the viewer may do with it.
 */
export const SupervisionOrderList = () => {
  const refresh = useRefresh();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const roles = (identity as TianpingIdentity | undefined)?.roles ?? [];
  // Supervisors first see what they issued; staff the orders on their own tenant's cases.
  const scope = roles.includes('SUPERVISOR') ? 'ISSUED_BY_MY_TENANT' : 'ON_MY_TENANTS_CASES';
  if (!identity) return null;
  return (
    <List filters={filters} filterDefaultValues={{ scope }} sort={{ field: 'respondBy', order: 'ASC' }} exporter={false} perPage={25}>
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="supervision-orders">
        <FunctionField
          source="case"
          sortable={false}
          render={(r: Row) =>
            r.case ? (
              <MuiLink component={Link} to={`/cases/${encodeURIComponent(r.case.id)}/show`} onClick={(e: { stopPropagation(): void }) => e.stopPropagation()}>
                {r.case.number}
              </MuiLink>
            ) : (
              '—'
            )
          }
        />
        <FunctionField source="case.subject" sortable={false} render={(r: Row) => (r.case && !r.case.confidential ? r.case.subject : '—')} />
        <TextField source="case.handlerTenant.name" sortable={false} emptyText="—" />
        <TextField source="issuerTenant.name" sortable={false} emptyText="—" />
        <TextField source="reason" sortable={false} sx={{ whiteSpace: 'pre-line' }} />
        <EnumField source="status" enumName="SupervisionStatus" chip colors={orderStatusColors} sortable={false} />
        <FunctionField
          source="respondBy"
          sortable={false}
          render={(r: Row) => (
            <span>
              <DateTimeField source="respondBy" record={r} dateStyle="short" />
              {r.overdue ? <Chip size="small" color="error" label={translate('tianping.due.overdue')} sx={{ ml: 0.5 }} /> : null}
            </span>
          )}
        />
        <TextField source="response" sortable={false} emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
        <FunctionField source="reminders" sortable={false} render={(r: Row) => r.reminders} />
        <FunctionField label="tianping.supervision.orders.actions" render={(r: Row) => <OrderActionButtons order={r} onDone={refresh} />} />
      </Datagrid>
    </List>
  );
};
