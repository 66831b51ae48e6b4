import AddIcon from '@mui/icons-material/Add';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import { useState } from 'react';
import { Breadcrumbs, Chip, List as MuiList, ListItemButton, ListItemText, Typography } from '@mui/material';
import {
  Button,
  Datagrid,
  EditButton,
  Labeled,
  Link,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useGetIdentity,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { PublicPageButton } from '../layout/AppBar.js';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { statusColors } from './choices.js';
import { MoveTenantDialog } from './MoveTenantDialog.js';
import { TenantStatusButton } from './TenantStatusButton.js';

interface TenantRef {
  id: string;
  name: string;
  slug: string;
  kind: string;
  status?: string;
}

const PublicPage = () => {
  const record = useRecordContext<{ slug: string; status: string }>();
  return record && record.status === 'ACTIVE' ? <PublicPageButton slug={record.slug} /> : null;
};

const AddChildButton = () => {
  const record = useRecordContext<{ id: string }>();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Button component={Link} to={createPath({ resource: 'tenants', type: 'create' })} state={{ record: { parentId: record.id } }} label="ra.action.create">
      <AddIcon />
    </Button>
  );
};

/** Offered below the viewer's own tenant only (the server refuses moving one's own or the root). */
const MoveButton = () => {
  const record = useRecordContext<{ id: string; name: string; version: number; isRoot: boolean }>();
  const { identity } = useGetIdentity();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record || record.isRoot || (identity as TianpingIdentity | undefined)?.tenant.id === record.id) return null;
  return (
    <>
      <Button label="tianping.tenants.move" onClick={() => setOpen(true)}>
        <DriveFileMoveIcon />
      </Button>
      {open && <MoveTenantDialog open tenant={record} onClose={() => setOpen(false)} onMoved={refresh} />}
    </>
  );
};

const Actions = () => {
  const { permissions } = usePermissions<string[]>();
  const admin = permissions?.includes('ADMIN');
  return (
    <TopToolbar>
      <PublicPage />
      {admin && <AddChildButton />}
      {admin && <MoveButton />}
      {admin && <TenantStatusButton />}
      {admin && <EditButton />}
    </TopToolbar>
  );
};

/** From the root down to this tenant, each a link. */
const Ancestors = () => {
  const record = useRecordContext<{ name: string; ancestors: TenantRef[] }>();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Breadcrumbs separator="›" data-testid="tenant-ancestors">
      {record.ancestors.map((a) => (
        <Link key={a.id} to={createPath({ resource: 'tenants', id: a.id, type: 'show' })}>
          {a.name}
        </Link>
      ))}
      <Typography color="text.primary">{record.name}</Typography>
    </Breadcrumbs>
  );
};

const Children = () => {
  const record = useRecordContext<{ children: TenantRef[] }>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.children.length) return <Typography variant="body2">{translate('tianping.tenants.no_children')}</Typography>;
  return (
    <MuiList dense data-testid="tenant-children">
      {record.children.map((c) => (
        <ListItemButton key={c.id} component={Link} to={createPath({ resource: 'tenants', id: c.id, type: 'show' })}>
          <ListItemText primary={c.name} secondary={translate(`enums.TenantKind.${c.kind}`)} />
          {c.status === 'SUSPENDED' && <Chip size="small" color="error" label={translate('enums.TenantStatus.SUSPENDED')} />}
        </ListItemButton>
      ))}
    </MuiList>
  );
};

const Title = () => {
  const record = useRecordContext<{ name: string }>();
  return <span>{record?.name ?? ''}</span>;
};

export const TenantShow = () => {
  const { permissions } = usePermissions<string[]>();
  return (
    <Show actions={<Actions />} title={<Title />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="tianping.tenants.profile">
          <TextField source="name" />
          <TextField source="nameEn" emptyText="—" />
          <EnumField source="kind" enumName="TenantKind" />
          <EnumField source="status" enumName="TenantStatus" chip colors={statusColors} />
          <TextField source="slug" />
          <TextField source="divisionCode" emptyText="—" />
          <TextField source="address" emptyText="—" />
          <TextField source="phone" emptyText="—" />
          <TextField source="officeHours" emptyText="—" />
          <TextField source="statutoryDuties" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
          <TextField source="introduction" emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
          <DateTimeField source="updatedAt" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tianping.tenants.tree" path="tree">
          <Labeled label="tianping.tenants.ancestors">
            <Ancestors />
          </Labeled>
          <Labeled label="tianping.tenants.children">
            <Children />
          </Labeled>
        </TabbedShowLayout.Tab>
        {permissions?.includes('ADMIN') && (
          <TabbedShowLayout.Tab label="tianping.tenants.users" path="users">
            <ReferenceManyField reference="users" target="tenantId" label={false} perPage={50}>
              <Datagrid rowClick="edit" bulkActionButtons={false}>
                <TextField source="username" sortable={false} />
                <TextField source="displayName" sortable={false} />
                <EnumField source="roles" enumName="UserRole" chip sortable={false} />
                <EnumField source="active" enumName="Active" sortable={false} />
              </Datagrid>
            </ReferenceManyField>
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
