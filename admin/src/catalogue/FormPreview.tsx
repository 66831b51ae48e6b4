import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, useNotify, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { cleanConfig, type FormFieldDef } from '../intake/fieldTypes.js';
import { FormRenderer } from '../intake/FormRenderer.js';

/**
 * The intake form as staff will see it: the very renderer of the intake page, in a form of its
 * own so the preview can be filled in and checked (client hints only; nothing is sent).
 */
export const FormPreview = ({ fields }: { fields: readonly FormFieldDef[] }) => {
  const translate = useTranslate();
  const notify = useNotify();
  if (!fields.length) return <Alert severity="info">{translate('tianping.intake.item_form_empty')}</Alert>;
  return (
    <Box data-testid="form-preview" sx={{ maxWidth: 640 }}>
      <Form onSubmit={() => notify('tianping.catalogue.preview_ok', { type: 'success' })} record={{}}>
        <FormRenderer fields={fields} source="formData" />
        <Button type="submit" variant="outlined">
          {translate('tianping.catalogue.preview_check')}
        </Button>
      </Form>
    </Box>
  );
};

/** The fields being edited, as the server will store them (configs cleaned to their type). */
const asDefinition = (fields: unknown): FormFieldDef[] =>
  (Array.isArray(fields) ? fields : [])
    .filter((f) => f && typeof f.key === 'string' && f.key && typeof f.type === 'string')
    .map((f) => ({ key: f.key, label: f.label || f.key, type: f.type, required: !!f.required, helpText: f.helpText || null, config: cleanConfig(f.type, f.config) }));

/** In the editor's toolbar: the unsaved draft's form, previewed (a dialog, outside the editor's <form>). */
export const PreviewButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const fields = useWatch({ name: 'content.formFields' });
  return (
    <>
      <Button startIcon={<VisibilityIcon />} onClick={() => setOpen(true)}>
        {translate('tianping.catalogue.preview')}
      </Button>
      {/* React events bubble through portals: the preview's submit must not reach the editor's form. */}
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth onSubmit={(e) => e.stopPropagation()}>
        <DialogTitle>{translate('tianping.catalogue.preview_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('tianping.catalogue.preview_note')}
          </Typography>
          {open && <FormPreview fields={asDefinition(fields)} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
