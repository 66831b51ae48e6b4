import { asList, type Connection, nonEmpty, type ResourceDefinition, versionOf } from '../dataProvider/types.js';
import { cleanConfig } from '../intake/fieldTypes.js';

/** Everything a ServiceItemContent says, as the editor and the version viewer read it. */
export const CONTENT = `fragment ServiceItemContentFields on ServiceItemContent {
  code name category legalBasis conditions rightsAndObligations fee results channels
  procedure { title description }
  statutoryLimit { amount unit }
  committedLimit { amount unit }
  materials { key name required note }
  formFields { key label type required helpText config }
  stages { key name budgetWorkingDays }
}`;

const ROW = `fragment ServiceItemRow on ServiceItem {
  id code name category status isTemplate hasUnpublishedChanges publishedVersionNo version updatedAt
  tenant { id name }
  published { versionNo publishedAt }
}`;

const DETAIL = `fragment ServiceItemDetail on ServiceItem {
  id code name category status isTemplate hasUnpublishedChanges publishedVersionNo version createdAt updatedAt
  adoptedFromVersionNo
  adoptedFrom { id name tenant { id name } }
  tenant { id name }
  published { versionNo publishedAt }
  versions { versionNo publishedAt }
  draft { ...ServiceItemContentFields }
}
${CONTENT}`;

type Data = Record<string, any>;

/** The draft as the editor holds it: ServiceItemContentInput's shape (nulls as empty text). */
export function contentToForm(c: Data | null | undefined): Data {
  if (!c) return emptyContent();
  return {
    ...c,
    conditions: c.conditions ?? '',
    rightsAndObligations: c.rightsAndObligations ?? '',
    results: c.results ?? '',
    procedure: (c.procedure ?? []).map((s: Data) => ({ title: s.title, description: s.description ?? '' })),
    materials: (c.materials ?? []).map((m: Data) => ({ key: m.key, name: m.name, required: !!m.required, note: m.note ?? '' })),
    formFields: (c.formFields ?? []).map((f: Data) => ({ ...f, helpText: f.helpText ?? '', config: { ...(f.config ?? {}) } })),
    stages: (c.stages ?? []).map((s: Data) => ({ key: s.key, name: s.name, budgetWorkingDays: s.budgetWorkingDays })),
  };
}

export const emptyContent = (): Data => ({
  code: '',
  name: '',
  category: 'CONSULTATION',
  legalBasis: '',
  conditions: '',
  rightsAndObligations: '',
  fee: '不收费',
  results: '',
  channels: ['ONSITE'],
  procedure: [{ title: '', description: '' }],
  statutoryLimit: { amount: 15, unit: 'WORKING_DAYS' },
  committedLimit: { amount: 10, unit: 'WORKING_DAYS' },
  materials: [],
  formFields: [],
  stages: [],
});

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v == null ? '' : v);
const optional = (v: unknown) => {
  const t = text(v);
  return t === '' ? null : t;
};

/**
 * ServiceItemContentInput from the editor's values: every list in its order (the order is the
 * form's order), configs cleaned to their type's settings, optional texts null when empty.
 */
export function contentInput(c: Data): Data {
  return {
    code: text(c.code),
    name: text(c.name),
    category: c.category,
    legalBasis: text(c.legalBasis),
    conditions: optional(c.conditions),
    rightsAndObligations: optional(c.rightsAndObligations),
    fee: text(c.fee),
    results: optional(c.results),
    channels: c.channels ?? [],
    procedure: (c.procedure ?? []).map((s: Data) => ({ title: text(s?.title), description: optional(s?.description) })),
    statutoryLimit: { amount: Number(c.statutoryLimit?.amount), unit: c.statutoryLimit?.unit },
    committedLimit: { amount: Number(c.committedLimit?.amount), unit: c.committedLimit?.unit },
    materials: (c.materials ?? []).map((m: Data) => ({ key: text(m?.key), name: text(m?.name), required: !!m?.required, note: optional(m?.note) })),
    formFields: (c.formFields ?? []).map((f: Data) => ({
      key: text(f?.key),
      label: text(f?.label),
      type: f?.type,
      required: !!f?.required,
      helpText: optional(f?.helpText),
      config: cleanConfig(f?.type, f?.config),
    })),
    stages: (c.stages ?? []).map((s: Data) => ({ key: text(s?.key), name: text(s?.name), budgetWorkingDays: Number(s?.budgetWorkingDays) })),
  };
}

/**
 * The server's field paths for an item's content are not uniform: the content rules answer
 * `code`, `committedLimit.amount`, `form.fields.2.config.options` (the stored shape), while the
 * uniqueness and forbidden-phrase checks answer `content.code`, `content.formFields.0.label`. The
 * editor's inputs sit at ServiceItemContentInput's paths under `content`: bring them all there.
 */
export function contentErrorPaths(errors: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const TOP = new Set(['root', 'id', 'version', 'tenantId', 'isTemplate', 'templateId', 'input']);
  for (const [key, message] of Object.entries(errors)) {
    let path = TOP.has(key.split('.')[0]!) || key.startsWith('content.') ? key : `content.${key}`;
    path = path.replace(/^content\.form\.fields(?=\.|$)/, 'content.formFields').replace(/^content\.form$/, 'content.formFields');
    out[path] ??= message;
  }
  return out;
}

export const serviceItems: ResourceDefinition = {
  typename: 'ServiceItem',
  detail: { name: 'ServiceItemDetail', text: DETAIL },
  list: {
    document: `query ServiceItems($first: Int!, $after: String, $tenantId: ID, $status: [ServiceItemStatus!], $category: ServiceCategory, $templates: Boolean) {
  serviceItems(first: $first, after: $after, tenantId: $tenantId, status: $status, category: $category, templates: $templates) {
    totalCount edges { node { ...ServiceItemRow } }
  }
}
${ROW}`,
    // The server orders by tenant, then sort order and code; there is nothing else to sort by.
    variables: ({ filter = {} }) => ({
      tenantId: nonEmpty(filter.tenantId),
      status: asList(filter.status),
      category: nonEmpty(filter.category),
      templates: typeof filter.templates === 'boolean' ? filter.templates : filter.templates === 'true' ? true : filter.templates === 'false' ? false : undefined,
    }),
    connection: (data) => data.serviceItems as Connection,
  },
  create: {
    document: `mutation CreateServiceItem($input: CreateServiceItemInput!) { createServiceItem(input: $input) { serviceItem { ...ServiceItemDetail } } }
${DETAIL}`,
    input: (data) => ({
      content: contentInput(data.content ?? {}),
      ...(data.isTemplate ? { isTemplate: true } : {}),
      ...(data.tenantId ? { tenantId: data.tenantId } : {}),
    }),
    result: (data) => data.createServiceItem.serviceItem,
  },
  update: {
    // The whole draft is replaced (updateServiceItem): the editor always sends all of it.
    document: `mutation UpdateServiceItem($input: UpdateServiceItemInput!) { updateServiceItem(input: $input) { serviceItem { ...ServiceItemDetail } } }
${DETAIL}`,
    input: (id, data, previous) => ({ id, version: versionOf(previous, data), content: contentInput(data.content ?? {}) }),
    result: (data) => data.updateServiceItem.serviceItem,
  },
  toRecord: (node) => ({ ...node, id: node.id, tenantId: node.tenant?.id ?? null, ...(node.draft ? { content: contentToForm(node.draft) } : {}) }),
};

export const PUBLISH = `mutation PublishServiceItem($input: ServiceItemVersionInput!) { publishServiceItem(input: $input) { serviceItem { ...ServiceItemDetail } } }
${DETAIL}`;
export const ARCHIVE = `mutation ArchiveServiceItem($input: ServiceItemVersionInput!) { archiveServiceItem(input: $input) { serviceItem { ...ServiceItemDetail } } }
${DETAIL}`;
export const ADOPT = `mutation AdoptServiceItemTemplate($input: AdoptServiceItemTemplateInput!) { adoptServiceItemTemplate(input: $input) { serviceItem { id } } }`;
export const VERSIONS = `query ServiceItemVersions($id: ID!) {
  node(id: $id) { __typename ... on ServiceItem { id versions { versionNo publishedAt content { ...ServiceItemContentFields } } } }
}
${CONTENT}`;
