import LibraryAddIcon from '@mui/icons-material/LibraryAdd';
import { Chip } from '@mui/material';
import {
  AutocompleteInput,
  BooleanField,
  Button,
  CreateButton,
  Datagrid,
  FilterButton,
  Link,
  List,
  NumberField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EnumField } from '../shared/EnumField.js';
import { categoryChoices, statusChoices } from './ServiceItemForm.js';

export const itemStatusColors = { DRAFT: 'default', PUBLISHED: 'success', ARCHIVED: 'warning' } as const;

const templateChoices = [
  { id: 'true', name: 'tianping.catalogue.only_templates' },
  { id: 'false', name: 'tianping.catalogue.no_templates' },
];

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="category" source="category" choices={categoryChoices} />,
  <SelectInput key="templates" source="templates" choices={templateChoices} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

/** "模板" beside a template of the municipal bureau; "采用自…" beside an adopted copy. */
export const TemplateBadge = (_props: { label?: string }) => {
  const record = useRecordContext<{ isTemplate: boolean }>();
  const translate = useTranslate();
  return record?.isTemplate ? <Chip size="small" color="info" label={translate('tianping.catalogue.template')} /> : null;
};

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <Button component={Link} to="/catalogue-templates" label="tianping.catalogue.adopt_templates">
      <LibraryAddIcon />
    </Button>
    <CreateButton />
  </TopToolbar>
);

/**
 * The catalogues the viewer may see (its subtree in every state, its ancestors' published items),
 * in the server's order: by tenant, then sort order and code.
 */
export const ServiceItemList = () => (
  <List filters={filters} actions={<Actions />} exporter={false} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" sortable={false} />
      <TextField source="code" sortable={false} />
      <EnumField source="category" enumName="ServiceCategory" sortable={false} />
      <EnumField source="status" enumName="ServiceItemStatus" chip colors={itemStatusColors} sortable={false} />
      <NumberField source="publishedVersionNo" sortable={false} />
      <BooleanField source="hasUnpublishedChanges" sortable={false} FalseIcon={null} />
      <TemplateBadge label="resources.serviceItems.fields.isTemplate" />
      <TextField source="tenant.name" sortable={false} />
    </Datagrid>
  </List>
);
