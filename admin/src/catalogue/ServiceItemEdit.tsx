import { Create, Edit, useCreate, useNotify, useRecordContext, useRedirect, useUpdate } from 'react-admin';
import { fieldErrorsOf } from '../dataProvider/errors.js';
import { contentErrorPaths, emptyContent } from './serviceItems.js';
import { ServiceItemForm } from './ServiceItemForm.js';

/**
 * A failed save: field errors go back into the builder at their input's path (the server's paths
 * mapped by contentErrorPaths), everything else is a message (a CONFLICT says "reload").
 */
function useSaveErrors() {
  const notify = useNotify();
  return (e: unknown) => {
    const errors = contentErrorPaths(fieldErrorsOf(e));
    notify((e as Error).message, { type: 'error' });
    return Object.keys(errors).length ? errors : undefined;
  };
}

const EditForm = () => {
  const record = useRecordContext<{ id: string; version: number; publishedVersionNo: number | null }>();
  const [update] = useUpdate();
  const notify = useNotify();
  const redirect = useRedirect();
  const failed = useSaveErrors();
  if (!record) return null;
  const save = async (values: Record<string, any>) => {
    try {
      await update('serviceItems', { id: record.id, data: values, previousData: record }, { mutationMode: 'pessimistic', returnPromise: true });
      notify('tianping.catalogue.saved', { type: 'success' });
      redirect('show', 'serviceItems', record.id);
    } catch (e) {
      return failed(e);
    }
  };
  // Published versions and their cases are known by the code: it stays once published.
  return <ServiceItemForm onSubmit={save} codeLocked={record.publishedVersionNo != null} />;
};

export const ServiceItemEdit = () => (
  <Edit mutationMode="pessimistic">
    <EditForm />
  </Edit>
);

const CreateForm = () => {
  const [create] = useCreate();
  const notify = useNotify();
  const redirect = useRedirect();
  const failed = useSaveErrors();
  const save = async (values: Record<string, any>) => {
    try {
      const created = await create('serviceItems', { data: values }, { returnPromise: true });
      notify('tianping.catalogue.saved', { type: 'success' });
      redirect('show', 'serviceItems', (created as { id: string }).id);
    } catch (e) {
      return failed(e);
    }
  };
  return <ServiceItemForm onSubmit={save} create />;
};

export const ServiceItemCreate = () => (
  <Create record={{ content: emptyContent(), isTemplate: false }}>
    <CreateForm />
  </Create>
);
