import { Typography } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  DateInput,
  FormDataConsumer,
  NumberInput,
  regex,
  required,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from 'react-admin';
import { FIELD_KEY, FIELD_TYPES, LIMITS } from '../intake/fieldTypes.js';

const L = (k: string) => `resources.serviceItems.fields.${k}`;
export const fieldTypeChoices = FIELD_TYPES.map((id) => ({ id, name: `tianping.catalogue.types.${id}` }));

/**
 * The intake form's fields (`content.formFields`): add, remove, reorder (the iterator's up/down
 * buttons; the list order is the form's order) and configure each by its type. The settings
 * offered per type are exactly those the server accepts (server/domain/forms/types/*); a server
 * error such as `content.formFields.2.config.options` lands on the input at that path.
 */
export const FormBuilder = () => (
  <ArrayInput source="content.formFields" label="tianping.catalogue.form_fields" helperText="tianping.catalogue.form_fields_help">
    <SimpleFormIterator
      inline={false}
      getItemLabel={(i) => `#${i + 1}`}
      sx={{ '& .RaSimpleFormIterator-line': { borderBottom: 1, borderColor: 'divider', pb: 1 } }}
      data-testid="form-builder"
    >
      <TextInput
        source="key"
        label={L('key')}
        validate={[required(), regex(FIELD_KEY, 'tianping.catalogue.key_format')]}
        helperText="tianping.catalogue.key_help"
      />
      <TextInput source="label" label={L('label')} validate={required()} />
      <SelectInput source="type" label={L('type')} choices={fieldTypeChoices} validate={required()} defaultValue="TEXT" />
      <BooleanInput source="required" label={L('required')} defaultValue={false} />
      <TextInput source="helpText" label={L('helpText')} fullWidth />
      <FormDataConsumer>{({ scopedFormData }) => <FieldConfigInputs type={scopedFormData?.type} />}</FormDataConsumer>
    </SimpleFormIterator>
  </ArrayInput>
);

/** A field's settings, by its type (the config key set of intake/fieldTypes.ts). */
export const FieldConfigInputs = ({ type }: { type?: string }) => {
  const translate = useTranslate();
  switch (type) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const max = type === 'TEXT' ? LIMITS.TEXT_MAX_LENGTH : LIMITS.LONG_TEXT_MAX_LENGTH;
      return (
        <>
          <NumberInput source="config.minLength" label={L('config.minLength')} min={0} max={max} step={1} />
          <NumberInput
            source="config.maxLength"
            label={L('config.maxLength')}
            min={1}
            max={max}
            step={1}
            helperText={translate('tianping.catalogue.max_length_help', {
              default: type === 'TEXT' ? LIMITS.TEXT_DEFAULT_MAX_LENGTH : LIMITS.LONG_TEXT_DEFAULT_MAX_LENGTH,
              max,
            })}
          />
          {type === 'TEXT' && (
            <>
              <TextInput source="config.pattern" label={L('config.pattern')} helperText="tianping.catalogue.pattern_help" fullWidth />
              <TextInput source="config.patternMessage" label={L('config.patternMessage')} helperText="tianping.catalogue.pattern_message_help" fullWidth />
            </>
          )}
        </>
      );
    }
    case 'NUMBER':
      return (
        <>
          <NumberInput source="config.min" label={L('config.min')} />
          <NumberInput source="config.max" label={L('config.max')} />
          <BooleanInput source="config.integer" label={L('config.integer')} />
        </>
      );
    case 'DATE':
      return (
        <>
          <DateInput source="config.min" label={L('config.min')} />
          <DateInput source="config.max" label={L('config.max')} />
          <BooleanInput source="config.notInFuture" label={L('config.notInFuture')} />
        </>
      );
    case 'SELECT':
    case 'MULTI_SELECT':
      return (
        <>
          <ArrayInput source="config.options" label={L('config.options')} helperText="tianping.catalogue.options_help">
            <SimpleFormIterator inline disableReordering={false}>
              <TextInput source="value" label={L('value')} validate={required()} helperText={false} />
              <TextInput source="label" label={L('optionLabel')} validate={required()} helperText={false} />
            </SimpleFormIterator>
          </ArrayInput>
          {type === 'MULTI_SELECT' && (
            <>
              <NumberInput source="config.minItems" label={L('config.minItems')} min={1} step={1} />
              <NumberInput source="config.maxItems" label={L('config.maxItems')} min={1} step={1} />
            </>
          )}
        </>
      );
    case 'PHONE':
    case 'RESIDENT_ID':
      return <Typography variant="body2" color="text.secondary">{translate('tianping.catalogue.personal_type')}</Typography>;
    default:
      return <Typography variant="body2" color="text.secondary">{translate('tianping.catalogue.no_settings')}</Typography>;
  }
};
