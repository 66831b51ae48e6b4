import {
  ArrayInput,
  BooleanInput,
  CheckboxGroupInput,
  NumberInput,
  required,
  SaveButton,
  SelectInput,
  SimpleFormIterator,
  TabbedForm,
  TextInput,
  Toolbar,
  type SaveHandler,
} from 'react-admin';
import { channelChoices } from '../cases/choices.js';
import { enumChoices } from '../shared/EnumField.js';
import { FormBuilder } from './FormBuilder.js';
import { PreviewButton } from './FormPreview.js';

export const categoryChoices = enumChoices('ServiceCategory', ['CONSULTATION', 'LEGAL_AID', 'MEDIATION', 'NOTARY', 'LAWYER', 'APPRAISAL', 'EXAM', 'LEGAL_EDUCATION', 'OTHER']);
export const statusChoices = enumChoices('ServiceItemStatus', ['DRAFT', 'PUBLISHED', 'ARCHIVED']);
const unitChoices = enumChoices('LimitUnit', ['WORKING_DAYS', 'CALENDAR_DAYS', 'HOURS']);
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const keyFormat = (v: unknown) => (typeof v === 'string' && v && !KEY.test(v) ? 'tianping.catalogue.material_key_format' : undefined);
const L = (k: string) => `resources.serviceItems.fields.${k}`;

const EditorToolbar = () => (
  <Toolbar sx={{ gap: 2 }}>
    <SaveButton />
    <PreviewButton />
  </Toolbar>
);

/**
 * The item's draft (ServiceItemContentInput under `content`), one tab per part: what it is, what
 * the applicant must bring and do, the intake form, the internal stages. Saving replaces the
 * whole draft; the published version is unchanged until the item is published again.
 */
export const ServiceItemForm = ({ onSubmit, create = false, codeLocked = false }: { onSubmit: SaveHandler<any>; create?: boolean; codeLocked?: boolean }) => (
  <TabbedForm onSubmit={onSubmit} toolbar={<EditorToolbar />} warnWhenUnsavedChanges>
    <TabbedForm.Tab label="tianping.catalogue.tab_basics">
      {/* readOnly, not disabled: react-hook-form leaves disabled inputs out of the values, and the draft is sent whole. */}
      <TextInput source="content.code" validate={required()} readOnly={codeLocked} helperText={codeLocked ? 'tianping.catalogue.code_locked' : 'tianping.catalogue.code_help'} />
      <TextInput source="content.name" validate={required()} fullWidth />
      <SelectInput source="content.category" choices={categoryChoices} validate={required()} />
      <CheckboxGroupInput source="content.channels" choices={channelChoices} validate={required()} />
      {create && <BooleanInput source="isTemplate" helperText="tianping.catalogue.template_help" />}
      <TextInput source="content.legalBasis" validate={required()} multiline minRows={2} fullWidth />
      <TextInput source="content.conditions" multiline minRows={2} fullWidth />
      <TextInput source="content.rightsAndObligations" multiline minRows={2} fullWidth />
      <TextInput source="content.fee" validate={required()} fullWidth />
      <TextInput source="content.results" multiline fullWidth />
      <NumberInput source="content.statutoryLimit.amount" validate={required()} min={1} step={1} />
      <SelectInput source="content.statutoryLimit.unit" choices={unitChoices} validate={required()} />
      <NumberInput source="content.committedLimit.amount" validate={required()} min={1} step={1} helperText="tianping.catalogue.committed_help" />
      <SelectInput source="content.committedLimit.unit" choices={unitChoices} validate={required()} />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="tianping.catalogue.tab_materials">
      <ArrayInput source="content.materials" helperText="tianping.catalogue.materials_help">
        <SimpleFormIterator inline>
          <TextInput source="key" label={L('key')} validate={[required(), keyFormat]} helperText={false} />
          <TextInput source="name" label={L('materialName')} validate={required()} helperText={false} />
          <BooleanInput source="required" label={L('materialRequired')} defaultValue helperText={false} />
          <TextInput source="note" label={L('note')} helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="content.procedure">
        <SimpleFormIterator inline>
          <TextInput source="title" label={L('title')} validate={required()} helperText={false} />
          <TextInput source="description" label={L('description')} helperText={false} fullWidth />
        </SimpleFormIterator>
      </ArrayInput>
    </TabbedForm.Tab>
    <TabbedForm.Tab label="tianping.catalogue.tab_form">
      <FormBuilder />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="tianping.catalogue.tab_stages">
      <ArrayInput source="content.stages" helperText="tianping.catalogue.stages_help">
        <SimpleFormIterator inline>
          <TextInput source="key" label={L('key')} validate={[required(), keyFormat]} helperText={false} />
          <TextInput source="name" label={L('stageName')} validate={required()} helperText={false} />
          <NumberInput source="budgetWorkingDays" label={L('budgetWorkingDays')} validate={required()} min={1} step={1} helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </TabbedForm.Tab>
  </TabbedForm>
);
