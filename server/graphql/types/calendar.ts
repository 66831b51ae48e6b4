import { asc, eq } from 'drizzle-orm';
import { holidayYears, tenantClosures } from '../../../schema/db/calendar.js';
import { missingYears } from '../../domain/calendar/calendar.js';
import { civilDateAt } from '../../domain/calendar/civil-date.js';
import { dueAt } from '../../domain/calendar/deadlines.js';
import { addTenantClosure, loadWorkCalendar, removeTenantClosure, setHolidayArrangement } from '../../usecases/calendar/work-calendar.js';
import { badInput } from '../../domain/shared/errors.js';
import { loadAncestry } from '../../usecases/tenants/queries.js';
import { builder } from '../builder.js';
import { commandOf } from '../context.js';
import { encodeGlobalId, idOf, optionalIdOf } from '../global-id.js';
import { LimitUnit } from './catalogue.js';

type YearRow = typeof holidayYears.$inferSelect;
type ClosureRow = typeof tenantClosures.$inferSelect;

const HolidayRange = builder.objectRef<{ name: string; from: string; to: string }>('HolidayRange').implement({
  fields: (t) => ({ name: t.exposeString('name'), from: t.exposeString('from'), to: t.exposeString('to') }),
});

const HolidayYear = builder.objectRef<YearRow>('HolidayYear').implement({
  description: "One year's published holiday arrangement (days off and make-up workdays, Art. 15).",
  fields: (t) => ({
    year: t.exposeInt('year'),
    off: t.field({ type: [HolidayRange], resolve: (y) => y.arrangement.off }),
    makeupWorkdays: t.stringList({ resolve: (y) => y.arrangement.makeupWorkdays }),
    source: t.exposeString('source', { nullable: true }),
    version: t.exposeInt('version'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const TenantClosure = builder.objectRef<ClosureRow>('TenantClosure').implement({
  fields: (t) => ({
    id: t.id({ resolve: (c) => encodeGlobalId('TenantClosure', c.id) }),
    date: t.exposeString('day'),
    reason: t.exposeString('reason'),
  }),
});

builder.queryFields((t) => ({
  holidayYears: t.field({
    type: [HolidayYear],
    authScopes: { authenticated: true },
    resolve: (_r, _a, ctx) => ctx.tx.select().from(holidayYears).orderBy(asc(holidayYears.year)),
  }),
  missingHolidayYears: t.field({
    type: ['Int'],
    authScopes: { admin: true },
    description: 'Which of the `count` years starting with this one have no holiday arrangement loaded: deadlines there are refused.',
    args: { count: t.arg.int({ required: false, defaultValue: 2 }) },
    resolve: async (_r, { count }, ctx) => {
      const cal = await loadWorkCalendar(ctx.tx, null);
      return missingYears(cal, Number(civilDateAt(ctx.now).slice(0, 4)), Math.min(Math.max(count ?? 2, 1), 10));
    },
  }),
  tenantClosures: t.field({
    type: [TenantClosure],
    authScopes: { authenticated: true },
    args: { tenantId: t.arg.id({ required: false }) },
    resolve: async (_r, { tenantId }, ctx) => {
      const id = optionalIdOf(tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId;
      await loadAncestry(ctx.tx, id);
      return ctx.tx.select().from(tenantClosures).where(eq(tenantClosures.tenantId, id)).orderBy(asc(tenantClosures.day));
    },
  }),
  dueAt: t.field({
    type: 'DateTime',
    authScopes: { authenticated: true },
    description:
      "When a time limit started at `start` ends on a tenant's calendar (the viewer's by default): the start day is not " +
      'counted, and a deadline on a day off moves to the end of the next working day.',
    args: {
      start: t.arg({ type: 'DateTime' }),
      unit: t.arg({ type: LimitUnit }),
      amount: t.arg.int(),
      tenantId: t.arg.id({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const tenantId = optionalIdOf(args.tenantId, 'Tenant', 'tenantId') ?? ctx.viewer!.tenantId;
      await loadAncestry(ctx.tx, tenantId); // NOT_FOUND for a tenant the viewer may not see
      const cal = await loadWorkCalendar(ctx.tx, tenantId);
      if (args.amount < 0 || args.amount > 720) throw badInput({ amount: 'must be between 0 and 720' });
      return dueAt(cal, args.start, { unit: args.unit, amount: args.amount });
    },
  }),
}));

const HolidayRangeInput = builder.inputType('HolidayRangeInput', {
  fields: (t) => ({ name: t.string(), from: t.string(), to: t.string() }),
});
const SetHolidayArrangementInput = builder.inputType('SetHolidayArrangementInput', {
  fields: (t) => ({
    year: t.int(),
    version: t.int({ required: false, description: 'Required when replacing a loaded year.' }),
    off: t.field({ type: [HolidayRangeInput] }),
    makeupWorkdays: t.stringList(),
    source: t.string({ required: false, description: 'The notice it comes from.' }),
  }),
});
const AddTenantClosureInput = builder.inputType('AddTenantClosureInput', {
  fields: (t) => ({ tenantId: t.id({ required: false }), date: t.string(), reason: t.string() }),
});

builder.mutationFields((t) => ({
  setHolidayArrangement: t.field({
    type: HolidayYear,
    authScopes: { admin: true },
    description: 'Municipal bureau admins load or correct a year of the national holiday arrangement.',
    args: { input: t.arg({ type: SetHolidayArrangementInput }) },
    resolve: (_r, { input }, ctx) =>
      setHolidayArrangement(commandOf(ctx), {
        year: input.year,
        version: input.version ?? undefined,
        off: input.off,
        makeupWorkdays: input.makeupWorkdays,
        source: input.source ?? undefined,
      }),
  }),
  addTenantClosure: t.field({
    type: TenantClosure,
    authScopes: { admin: true },
    args: { input: t.arg({ type: AddTenantClosureInput }) },
    resolve: (_r, { input }, ctx) =>
      addTenantClosure(commandOf(ctx), { tenantId: optionalIdOf(input.tenantId, 'Tenant', 'tenantId'), date: input.date, reason: input.reason }),
  }),
  removeTenantClosure: t.field({
    type: TenantClosure,
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (_r, { id }, ctx) => removeTenantClosure(commandOf(ctx), { id: idOf(String(id), 'TenantClosure', 'id') }),
  }),
}));
