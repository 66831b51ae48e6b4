import { Create, NumberInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { categoryChoices, severityChoices } from '../choices.js';
import { shanghaiLocalNow } from '../logic.js';

/**
 * 重大情况报告 (Art. 19): any STAFF, SUPERVISOR or ADMIN reports for their own tenant; it goes to
 * every level above at once. The time it happened is Asia/Shanghai wall-clock time.
 */
export const IncidentCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={() => ({ occurredAt: shanghaiLocalNow(), peopleCount: 0, severity: 'IV' })}>
      <SelectInput source="category" choices={categoryChoices} validate={required()} />
      <SelectInput source="severity" choices={severityChoices} validate={required()} />
      <TextInput source="occurredAt" type="datetime-local" validate={required()} helperText="tianping.supervision.incidents.shanghai_time" slotProps={{ inputLabel: { shrink: true } }} />
      <TextInput source="place" validate={required()} fullWidth />
      <NumberInput source="peopleCount" min={0} validate={required()} />
      <TextInput source="description" multiline minRows={3} fullWidth validate={required()} />
      <TextInput source="actionsTaken" multiline minRows={2} fullWidth validate={required()} />
    </SimpleForm>
  </Create>
);
