import LibraryAddIcon from '@mui/icons-material/LibraryAdd';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  Form,
  List,
  NumberField,
  SaveButton,
  TextField,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { fieldErrorsOf } from '../dataProvider/errors.js';
import { EnumField } from '../shared/EnumField.js';
import { ADOPT } from './serviceItems.js';

/**
 * Copies a template into the viewer's catalogue as a draft to adapt. The code is optional: the
 * template's own is kept unless it is taken, and then the server's message shows under it.
 */
const AdoptButton = () => {
  const record = useRecordContext<{ id: string; name: string; code: string }>();
  const dp = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  const adopt = async (values: Record<string, unknown>) => {
    const code = typeof values.code === 'string' && values.code.trim() ? values.code.trim() : undefined;
    try {
      const data = await dp.graphql<{ adoptServiceItemTemplate: { serviceItem: { id: string } } }>(ADOPT, { input: { templateId: record.id, code } });
      notify('tianping.catalogue.adopted', { type: 'success', messageArgs: { name: record.name } });
      redirect('edit', 'serviceItems', data.adoptServiceItemTemplate.serviceItem.id);
    } catch (e) {
      const errors = fieldErrorsOf(e);
      notify((e as Error).message, { type: 'error' });
      return 'code' in errors ? errors : undefined;
    }
  };
  return (
    <>
      <MuiButton size="small" startIcon={<LibraryAddIcon />} onClick={() => setOpen(true)}>
        {translate('tianping.catalogue.adopt')}
      </MuiButton>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={(e) => e.stopPropagation()}>
        <Form onSubmit={adopt} record={{ code: '' }}>
          <DialogTitle>{translate('tianping.catalogue.adopt_title', { name: record.name })}</DialogTitle>
          <DialogContent>
            <DialogContentText>{translate('tianping.catalogue.adopt_content', { code: record.code })}</DialogContentText>
            <TextInput source="code" helperText="tianping.catalogue.adopt_code_help" />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
            <SaveButton label="tianping.catalogue.adopt" alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};

/** The municipal bureau's published templates (the server shows ancestors' published items). */
export const TemplateList = () => (
  <List
    resource="serviceItems"
    filter={{ templates: true, status: 'PUBLISHED' }}
    disableSyncWithLocation
    actions={false}
    exporter={false}
    title="tianping.catalogue.templates_title"
    perPage={50}
  >
    <Datagrid rowClick={false} bulkActionButtons={false}>
      <TextField source="name" sortable={false} />
      <TextField source="code" sortable={false} />
      <EnumField source="category" enumName="ServiceCategory" sortable={false} />
      <NumberField source="publishedVersionNo" sortable={false} />
      <TextField source="tenant.name" sortable={false} />
      <AdoptButton />
    </Datagrid>
  </List>
);
