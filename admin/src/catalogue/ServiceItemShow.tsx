import { Alert, Box } from '@mui/material';
import {
  BooleanField,
  EditButton,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../shared/DateTimeField.js';
import { EnumField } from '../shared/EnumField.js';
import { ContentSummary } from './ContentSummary.js';
import { FormPreview } from './FormPreview.js';
import { ArchiveButton, PublishButton } from './ItemActions.js';
import { itemStatusColors, TemplateBadge } from './ServiceItemList.js';
import { VersionHistory } from './VersionHistory.js';

type Item = { name: string; status: string; hasUnpublishedChanges: boolean; publishedVersionNo: number | null; content?: Record<string, any>; adoptedFrom?: { name: string; tenant: { name: string } } | null; adoptedFromVersionNo?: number | null };

const Title = () => <span>{useRecordContext<Item>()?.name ?? ''}</span>;

const Actions = () => {
  const record = useRecordContext<Item>();
  return (
    <TopToolbar>
      {record && record.status !== 'ARCHIVED' && <EditButton />}
      <PublishButton />
      <ArchiveButton />
    </TopToolbar>
  );
};

/** Says where the draft stands against what the public and new cases see. */
const DraftState = () => {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'ARCHIVED') return <Alert severity="warning">{translate('tianping.catalogue.archived_note')}</Alert>;
  if (record.publishedVersionNo == null) return <Alert severity="info">{translate('tianping.catalogue.never_published')}</Alert>;
  if (record.hasUnpublishedChanges) return <Alert severity="info">{translate('tianping.catalogue.unpublished_changes', { version: record.publishedVersionNo })}</Alert>;
  return null;
};

const Adopted = () => {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  return record?.adoptedFrom ? (
    <Alert severity="info" icon={false}>
      {translate('tianping.catalogue.adopted_from', { name: record.adoptedFrom.name, tenant: record.adoptedFrom.tenant.name, version: record.adoptedFromVersionNo ?? '' })}
    </Alert>
  ) : null;
};

const Draft = () => {
  const record = useRecordContext<Item>();
  return record?.content ? <ContentSummary content={record.content} /> : null;
};

const DraftPreview = () => {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  return (
    <Box>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('tianping.catalogue.preview_note')}
      </Alert>
      <FormPreview fields={record?.content?.formFields ?? []} />
    </Box>
  );
};

export const ServiceItemShow = () => (
  <Show title={<Title />} actions={<Actions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="tianping.catalogue.tab_overview">
        <DraftState />
        <Adopted />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <EnumField source="status" enumName="ServiceItemStatus" chip colors={itemStatusColors} />
          </Labeled>
          <Labeled>
            <NumberField source="publishedVersionNo" emptyText="—" />
          </Labeled>
          <Labeled>
            <BooleanField source="hasUnpublishedChanges" />
          </Labeled>
          <Labeled label="resources.serviceItems.fields.isTemplate">
            <TemplateBadge />
          </Labeled>
          <Labeled>
            <ReferenceField source="tenantId" reference="tenants" link="show">
              <TextField source="name" />
            </ReferenceField>
          </Labeled>
          <Labeled>
            <DateTimeField source="updatedAt" />
          </Labeled>
        </Box>
        <Draft />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.catalogue.preview" path="preview">
        <DraftPreview />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="tianping.catalogue.tab_versions" path="versions">
        <VersionHistory />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
