import { COMMITMENT_KINDS, COMMITMENT_METRICS } from '../../../schema/db/disclosure.js';
import {
  type DirectoryEntry,
  type Disclosure,
  type PublicCommitmentRow,
  type PublicServiceItemRow,
  type PublicTenantRow,
  publicDirectory,
  publicDisclosure,
} from '../../usecases/public/disclosure.js';
import { builder } from '../builder.js';
import { ServiceItemContentRef } from './catalogue.js';
import { TenantKind } from './tenant.js';

// Anonymous, read-only: the public disclosure (Art. 17). Everything here comes from the public
// views, so a draft, an archived item, a suspended tenant or a person's data cannot appear.

export const CommitmentKind = builder.enumType('CommitmentKind', { values: COMMITMENT_KINDS });
export const CommitmentMetric = builder.enumType('CommitmentMetric', { values: COMMITMENT_METRICS });

const District = builder.objectRef<{ slug: string; name: string }>('PublicDistrict').implement({
  fields: (t) => ({ slug: t.exposeString('slug'), name: t.exposeString('name') }),
});

const PublicTenant = builder.objectRef<PublicTenantRow & { district?: DirectoryEntry['district'] }>('PublicTenant').implement({
  description: 'An active tenant as the public sees it (Art. 17): basic information and contacts.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    kind: t.expose('kind', { type: TenantKind }),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn', { nullable: true }),
    divisionCode: t.exposeString('divisionCode', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    officeHours: t.exposeString('officeHours', { nullable: true }),
    statutoryDuties: t.exposeString('statutoryDuties', { nullable: true }),
    introduction: t.exposeString('introduction', { nullable: true }),
    district: t.field({ type: District, nullable: true, resolve: (p) => p.district ?? null }),
  }),
});

const PublicServiceItem = builder.objectRef<PublicServiceItemRow>('PublicServiceItem').implement({
  description: 'A published service item: name, legal basis, conditions, procedure, rights and obligations, time limits, materials.',
  fields: (t) => ({
    versionNo: t.exposeInt('versionNo'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    content: t.field({ type: ServiceItemContentRef, resolve: (i) => i.content }),
  }),
});

const PublicCommitment = builder.objectRef<PublicCommitmentRow>('PublicCommitment').implement({
  description: 'A published service commitment (Art. 16); measured values arrive with the statistics.',
  fields: (t) => ({
    kind: t.expose('kind', { type: CommitmentKind }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    metric: t.expose('metric', { type: CommitmentMetric, nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
  }),
});

const PublicDisclosure = builder.objectRef<Disclosure>('PublicDisclosure').implement({
  fields: (t) => ({
    tenant: t.field({ type: PublicTenant, resolve: (d) => d.tenant }),
    parent: t.field({ type: PublicTenant, nullable: true, resolve: (d) => d.parent }),
    serviceItems: t.field({ type: [PublicServiceItem], resolve: (d) => d.serviceItems }),
    commitments: t.field({ type: [PublicCommitment], resolve: (d) => d.commitments }),
  }),
});

builder.queryFields((t) => ({
  publicDirectory: t.field({
    type: [PublicTenant],
    description: 'Every active tenant, for anyone: ordered by depth and name; search matches names and addresses.',
    args: { search: t.arg.string({ required: false }), kind: t.arg({ type: TenantKind, required: false }) },
    resolve: (_r, args, ctx) => publicDirectory(ctx.tx, { search: args.search, kind: args.kind }),
  }),
  publicTenant: t.field({
    type: PublicDisclosure,
    nullable: true,
    description: "One tenant's disclosure, for anyone; null for an unknown or suspended tenant.",
    args: { slug: t.arg.string() },
    resolve: (_r, { slug }, ctx) => publicDisclosure(ctx.tx, slug),
  }),
}));
