import { Alert, Card, CardContent, Divider, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import {
  BooleanInput,
  CheckboxGroupInput,
  Form,
  RadioButtonGroupInput,
  required,
  ResourceContextProvider,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { channelChoices, kindChoices } from '../cases/choices.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { enumChoices } from '../shared/EnumField.js';
import { INTAKE_ITEMS, OPEN_CASE } from './documents.js';
import { collectFormData, type FormFieldDef, isMobile, residentIdLooksValid } from './fieldTypes.js';
import { FormRenderer } from './FormRenderer.js';
import { fieldErrorsOf } from '../dataProvider/errors.js';

export interface IntakeItem {
  id: string;
  name: string;
  code: string;
  published: { versionNo: number; content: { channels: string[]; formFields: FormFieldDef[] } } | null;
}

const urgencyChoices = enumChoices('Urgency', ['NORMAL', 'URGENT', 'EMERGENCY']);
const groupChoices = enumChoices('ProtectedGroup', ['ELDERLY', 'MINOR', 'DISABLED', 'MIGRANT_WAGE']);
const mobile = (v: unknown) => (typeof v === 'string' && v.trim() && !isMobile(v) ? 'tianping.intake.hint.mobile' : undefined);
const residentId = (v: unknown) => (typeof v === 'string' && v.trim() && !residentIdLooksValid(v) ? 'tianping.intake.hint.resident_id' : undefined);

/** A retry of the same submission (a double click, a lost answer) returns the same case. */
const newKey = () => `intake:${crypto.randomUUID()}`;

const blankToNull = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

/** openCase's input from the page's values; the item's answers in the shape its form defines. */
export function openCaseInput(values: Record<string, any>, item: IntakeItem | undefined, idempotencyKey: string) {
  const requester = Object.fromEntries(
    ['name', 'phone', 'residentId', 'otherContact'].map((k) => [k, blankToNull(values.requester?.[k])]).filter(([, v]) => v !== null),
  );
  return {
    channel: values.channel,
    kind: values.kind,
    serviceItemId: item?.id ?? null,
    subject: typeof values.subject === 'string' ? values.subject.trim() : values.subject,
    description: blankToNull(values.description),
    requester,
    formData: item ? collectFormData(item.published?.content.formFields ?? [], values.formData) : null,
    urgency: values.urgency ?? 'NORMAL',
    sensitive: !!values.sensitive,
    protectedGroups: values.protectedGroups ?? [],
    idempotencyKey,
  };
}

/** The chosen item's form, from its published definition; a word when the channel is not one it is offered on. */
const ItemForm = ({ items }: { items: IntakeItem[] }) => {
  const translate = useTranslate();
  const [itemId, channel] = useWatch({ name: ['serviceItemId', 'channel'] });
  const item = items.find((i) => i.id === itemId);
  if (!item?.published) return null;
  const { channels, formFields } = item.published.content;
  return (
    <>
      {channel && !channels.includes(channel) && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('tianping.intake.channel_not_offered', { channels: channels.map((c) => translate(`enums.Channel.${c}`)).join('、') })}
        </Alert>
      )}
      {formFields.length ? <FormRenderer key={item.id} fields={formFields} source="formData" /> : <Alert severity="info">{translate('tianping.intake.item_form_empty')}</Alert>}
    </>
  );
};

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <>
      <Divider sx={{ width: '100%', my: 2 }} />
      <Typography variant="subtitle1" gutterBottom>
        {translate(title)}
      </Typography>
    </>
  );
};

/**
 * 受理登记: channel and kind, a published item of the viewer's tenant with its form, the requester,
 * the request. The server validates everything; its field errors (`formData.<key>`,
 * `requester.phone`, `subject` …) come back beside the inputs at those paths.
 */
export const IntakePage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const dp = useDataProvider<TianpingDataProvider>();
  const { identity } = useGetIdentity();
  const tenantId = (identity as { tenant?: { id: string } } | undefined)?.tenant?.id;
  const [items, setItems] = useState<IntakeItem[] | null>(null);
  const [key, setKey] = useState(newKey);

  useEffect(() => {
    if (!tenantId) return;
    let live = true;
    dp.graphql<{ serviceItems: { edges: { node: IntakeItem }[] } }>(INTAKE_ITEMS, { tenantId, first: 100 })
      .then((data) => live && setItems(data.serviceItems.edges.map((e) => e.node).filter((i) => i.published)))
      .catch((e: Error) => notify(e.message, { type: 'error' }));
    return () => {
      live = false;
    };
  }, [dp, tenantId, notify]);

  const itemChoices = useMemo(() => (items ?? []).map((i) => ({ id: i.id, name: `${i.name}（${i.code}）` })), [items]);

  const submit = async (values: Record<string, any>) => {
    const item = items?.find((i) => i.id === values.serviceItemId);
    try {
      const data = await dp.graphql<{ openCase: { case: { id: string; number: string } } }>(OPEN_CASE, { input: openCaseInput(values, item, key) });
      setKey(newKey());
      notify('tianping.intake.opened', { type: 'success', messageArgs: { number: data.openCase.case.number } });
      navigate(`/cases/${encodeURIComponent(data.openCase.case.id)}/show`);
    } catch (e) {
      const errors = fieldErrorsOf(e);
      notify((e as Error).message, { type: 'error' });
      return Object.keys(errors).length ? errors : undefined;
    }
  };

  return (
    <ResourceContextProvider value="intake">
      <Title title="tianping.intake.title" />
      <Card sx={{ mt: 2, maxWidth: 900 }}>
        <CardContent>
          <Form onSubmit={submit} record={{ channel: 'ONSITE', kind: 'MATTER', urgency: 'NORMAL', sensitive: false, protectedGroups: [], requester: {}, formData: {} }}>
            <Typography variant="subtitle1" gutterBottom>
              {translate('tianping.intake.section_contact')}
            </Typography>
            <SelectInput source="channel" choices={channelChoices} validate={required()} />
            <RadioButtonGroupInput source="kind" choices={kindChoices} validate={required()} />

            <Section title="tianping.intake.section_item" />
            {items && !items.length && <Alert severity="info">{translate('tianping.intake.no_items')}</Alert>}
            <SelectInput source="serviceItemId" choices={itemChoices} emptyText="tianping.intake.no_item" fullWidth isPending={!items} />
            <ItemForm items={items ?? []} />

            <Section title="tianping.intake.section_requester" />
            <Alert severity="info" sx={{ mb: 1 }}>
              {translate('tianping.intake.requester_masked')}
            </Alert>
            <TextInput source="requester.name" />
            <TextInput source="requester.phone" validate={mobile} type="tel" />
            <TextInput source="requester.residentId" validate={residentId} />
            <TextInput source="requester.otherContact" fullWidth />

            <Section title="tianping.intake.section_case" />
            <TextInput source="subject" validate={required()} fullWidth />
            <TextInput source="description" multiline minRows={3} fullWidth />
            <SelectInput source="urgency" choices={urgencyChoices} />
            <CheckboxGroupInput source="protectedGroups" choices={groupChoices} />
            <BooleanInput source="sensitive" />
            <SaveButton label="tianping.intake.submit" alwaysEnable />
          </Form>
        </CardContent>
      </Card>
    </ResourceContextProvider>
  );
};
