import { Box } from '@mui/material';
import type { ReactElement } from 'react';
import {
  CheckboxGroupInput,
  DateInput,
  maxLength,
  maxValue,
  minLength,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  required,
  SelectInput,
  TextInput,
  useTranslate,
  type Validator,
} from 'react-admin';
import { compilePattern, type FormFieldDef, isMobile, LIMITS, residentIdLooksValid } from './fieldTypes.js';

/**
 * Renders a service item's intake form (a FormField[] definition) as react-admin inputs under
 * `source` (`formData.<key>`), inside whatever react-admin form the caller provides: the intake
 * page and the catalogue's preview use this one component, so the preview is what staff get.
 *
 * Client checks are hints for what can be known here for certain (required, lengths, the pattern,
 * bounds, options, a mobile number's and an ID number's form); the server checks everything again
 * and its messages, mapped to `formData.<key>`, are the authority. "Not in the future" is left to
 * the server: its clock in Asia/Shanghai decides what today is, not the browser's.
 */
export interface FormRendererProps {
  fields: readonly FormFieldDef[];
  /** Where the answers live in the form's values (default `formData`). */
  source?: string;
  disabled?: boolean;
}

export const FormRenderer = ({ fields, source = 'formData', disabled }: FormRendererProps) => (
  <Box data-testid="form-renderer" sx={{ display: 'flex', flexDirection: 'column', width: '100%' }}>
    {fields.map((field) => (
      <Box key={field.key} data-testid={`form-field-${field.key}`} data-type={field.type}>
        <FieldInput field={field} source={`${source}.${field.key}`} disabled={disabled} />
      </Box>
    ))}
  </Box>
);

/** One answer's widget, by type; unknown types (a newer server) fall back to a text input. */
export function FieldInput({ field, source, disabled }: { field: FormFieldDef; source: string; disabled?: boolean }): ReactElement {
  const translate = useTranslate();
  const config = field.config ?? {};
  const validate: Validator[] = field.required ? [required()] : [];
  const hints: string[] = [];
  const common = { source, label: field.label, disabled, fullWidth: true, validate };

  switch (field.type) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const max = config.maxLength ?? (field.type === 'TEXT' ? LIMITS.TEXT_DEFAULT_MAX_LENGTH : LIMITS.LONG_TEXT_DEFAULT_MAX_LENGTH);
      if (typeof config.minLength === 'number') validate.push(minLength(config.minLength));
      validate.push(maxLength(max));
      if (field.type === 'TEXT' && typeof config.pattern === 'string') {
        const re = compilePattern(config.pattern);
        const message = config.patternMessage || 'tianping.intake.hint.pattern';
        if (re) validate.push((v: unknown) => (typeof v === 'string' && v.trim() && !re.test(v.trim()) ? message : undefined));
      }
      hints.push(
        typeof config.minLength === 'number'
          ? translate('tianping.intake.hint.length', { min: config.minLength, max })
          : translate('tianping.intake.hint.max_length', { max }),
      );
      return (
        <TextInput
          {...common}
          multiline={field.type === 'LONG_TEXT'}
          minRows={field.type === 'LONG_TEXT' ? 3 : undefined}
          helperText={helper(field, hints)}
        />
      );
    }
    case 'NUMBER': {
      if (typeof config.min === 'number') validate.push(minValue(config.min));
      if (typeof config.max === 'number') validate.push(maxValue(config.max));
      if (config.integer) {
        validate.push((v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? 'tianping.intake.hint.integer' : undefined));
        hints.push(translate('tianping.intake.hint.integer'));
      }
      if (typeof config.min === 'number' || typeof config.max === 'number') {
        hints.push(translate('tianping.intake.hint.range', { min: config.min ?? '-∞', max: config.max ?? '∞' }));
      }
      return <NumberInput {...common} helperText={helper(field, hints)} />;
    }
    case 'DATE': {
      if (typeof config.min === 'string') validate.push((v: unknown) => (typeof v === 'string' && v && v < config.min ? translate('tianping.intake.hint.date_min', { min: config.min }) : undefined));
      if (typeof config.max === 'string') validate.push((v: unknown) => (typeof v === 'string' && v && v > config.max ? translate('tianping.intake.hint.date_max', { max: config.max }) : undefined));
      if (config.min || config.max) hints.push(translate('tianping.intake.hint.date_range', { min: config.min ?? '…', max: config.max ?? '…' }));
      if (config.notInFuture) hints.push(translate('tianping.intake.hint.not_in_future'));
      return <DateInput {...common} helperText={helper(field, hints)} />;
    }
    case 'SELECT':
      return (
        <SelectInput
          {...common}
          choices={options(config)}
          translateChoice={false}
          emptyText="tianping.intake.choose"
          helperText={helper(field, hints)}
        />
      );
    case 'MULTI_SELECT': {
      if (typeof config.minItems === 'number') validate.push((v: unknown) => (Array.isArray(v) && v.length > 0 && v.length < config.minItems ? translate('tianping.intake.hint.min_items', { min: config.minItems }) : undefined));
      if (typeof config.maxItems === 'number') validate.push((v: unknown) => (Array.isArray(v) && v.length > config.maxItems ? translate('tianping.intake.hint.max_items', { max: config.maxItems }) : undefined));
      if (config.minItems || config.maxItems) hints.push(translate('tianping.intake.hint.items', { min: config.minItems ?? 1, max: config.maxItems ?? options(config).length }));
      return <CheckboxGroupInput {...common} choices={options(config)} translateChoice={false} helperText={helper(field, hints)} />;
    }
    case 'YES_NO':
      return (
        <RadioButtonGroupInput
          {...common}
          choices={[
            { id: 'true', name: 'tianping.intake.yes' },
            { id: 'false', name: 'tianping.intake.no' },
          ]}
          // The radios speak strings; the answer is a JSON boolean (the server refuses "yes").
          format={(v: unknown) => (v === true ? 'true' : v === false ? 'false' : '')}
          parse={(v: unknown) => (v === 'true' ? true : v === 'false' ? false : null)}
          helperText={helper(field, hints)}
        />
      );
    case 'PHONE':
      validate.push((v: unknown) => (typeof v === 'string' && v.trim() && !isMobile(v) ? 'tianping.intake.hint.mobile' : undefined));
      hints.push(translate('tianping.intake.hint.personal'));
      return <TextInput {...common} type="tel" helperText={helper(field, hints)} />;
    case 'RESIDENT_ID':
      validate.push((v: unknown) => (typeof v === 'string' && v.trim() && !residentIdLooksValid(v) ? 'tianping.intake.hint.resident_id' : undefined));
      hints.push(translate('tianping.intake.hint.personal'));
      return <TextInput {...common} helperText={helper(field, hints)} />;
    default:
      return <TextInput {...common} helperText={helper(field, hints)} />;
  }
}

const options = (config: Record<string, any>) =>
  (Array.isArray(config.options) ? config.options : []).map((o: { value: string; label: string }) => ({ id: o.value, name: o.label }));

/** The tenant's help text first, then what the type expects. */
const helper = (field: FormFieldDef, hints: string[]) => [field.helpText, ...hints].filter(Boolean).join(' · ') || false;
