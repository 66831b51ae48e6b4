import { Chip, Stack } from '@mui/material';
import { type FieldProps, useFieldValue, useTranslate } from 'react-admin';

type Color = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

/** A value (or a list of values) of one of the schema's enums, translated under enums.<name>. */
export const EnumField = ({ enumName, chip = false, colors, ...props }: FieldProps & { enumName: string; chip?: boolean; colors?: Record<string, Color> }) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (value === undefined || value === null) return null;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const label = (v: unknown) => translate(`enums.${enumName}.${String(v)}`, { _: String(v) });
  if (!chip && values.length === 1) return <span>{label(values[0])}</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap component="span" sx={{ flexWrap: 'wrap' }}>
      {values.map((v) => (
        <Chip key={String(v)} size="small" label={label(v)} color={colors?.[String(v)] ?? 'default'} />
      ))}
    </Stack>
  );
};

/** Choices for a SelectInput over an enum (react-admin translates the names). */
export const enumChoices = (enumName: string, values: readonly string[]) => values.map((id) => ({ id, name: `enums.${enumName}.${id}` }));
