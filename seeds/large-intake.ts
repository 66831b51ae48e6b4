/**
 * Who comes to whom, when and how (the large-data generator's intake): cases spread over the days
 * of the period (fewer at weekends and holidays, a little growth year on year), over the tenants by
 * their share of the city's intake, each with a channel, a kind and a service item that fit the
 * tenant, a requester and intake-form answers that the app's own form check accepts.
 */
import type { Channel, FormFieldData } from '../schema/db/catalogue.js';
import { isWorkingDay, type WorkCalendar } from '../server/domain/calendar/calendar.js';
import { addDays, daysBetween, startOfDay, yearOf, type CivilDate } from '../server/domain/calendar/civil-date.js';
import type { ProtectedGroup } from '../server/domain/cases/priority.js';
import type { FormDefinition } from '../server/domain/forms/definition.js';
import { validateSubmission } from '../server/domain/forms/submission.js';
import type { City, CityItem, CityTenant } from './large-city.js';
import type { Rng } from './large-random.js';
import { AREAS, COMPANIES, DESCRIPTIONS, MATTER_SUBJECTS, personName, ROADS, SUBJECTS } from './large-texts.js';

export const FIRST_DAY: CivilDate = '2025-01-01';
export const LAST_DAY: CivilDate = '2026-11-28';
/** The generator's "now": the evening of the last day (22:00 Shanghai). Nothing happens after it. */
export const NOW_MS = Date.parse('2026-11-28T14:00:00.000Z');

const HOUR = 3_600_000;

export interface Intake {
  index: number;
  tenant: CityTenant;
  channel: Channel;
  kind: 'CONSULTATION' | 'MATTER';
  item: CityItem | null;
  receivedMs: number;
  /** Set once the day's intakes are in time order. */
  number: string;
}

/** How many of `total` cases arrive on each day of the period (exactly `total` in all). */
export function casesPerDay(cal: WorkCalendar, total: number): { day: CivilDate; count: number }[] {
  const n = daysBetween(FIRST_DAY, LAST_DAY) + 1;
  const days = Array.from({ length: n }, (_, i) => addDays(FIRST_DAY, i));
  const weights = days.map((d, i) => (isWorkingDay(cal, d) ? 1 : 0.3) * (1 + (0.15 * i) / n) * (d.slice(5, 7) === '08' ? 0.9 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    counts[i]!++;
  }
  return days.map((day, i) => ({ day, count: counts[i]! }));
}

/** Picks tenants by their share of the intake. */
export class TenantPicker {
  readonly #tenants: CityTenant[];
  readonly #cumulative: number[];
  constructor(city: City) {
    this.#tenants = city.tenants.filter((t) => t.volume > 0);
    let s = 0;
    this.#cumulative = this.#tenants.map((t) => (s += t.volume));
  }
  pick(rng: Rng, filter?: (t: CityTenant) => boolean): CityTenant {
    for (;;) {
      const x = rng.next() * this.#cumulative[this.#cumulative.length - 1]!;
      let lo = 0;
      let hi = this.#cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.#cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      const t = this.#tenants[lo]!;
      if (!filter || filter(t)) return t;
    }
  }
}

const MESSAGE_LIKE: readonly (readonly [Channel, number])[] = [['MESSAGE', 0.6], ['WECHAT', 0.25], ['APP', 0.15]];
const CHANNEL_WEIGHT: Record<Channel, number> = { ONSITE: 6, HOTLINE: 1.2, ONLINE: 1.2, WECHAT: 0.8, APP: 0.4, MESSAGE: 0 };
const itemOf = (t: CityTenant, code: string) => t.items.find((i) => i.content.code === code) ?? null;
const matterItems = (t: CityTenant) => t.items.filter((i) => i.caseKind === 'MATTER');

/** Channel, kind and item for one case taken in by `tenant`. */
function chooseKind(rng: Rng, t: CityTenant, working: boolean): Pick<Intake, 'channel' | 'kind' | 'item'> {
  const consult = (channels: readonly (readonly [Channel, number])[], item: CityItem | null = null) => {
    const channel = rng.weighted(channels);
    return { channel, kind: 'CONSULTATION' as const, item: item && item.content.channels.includes(channel) ? item : null };
  };
  const matter = (item: CityItem) => {
    const offered = item.content.channels.filter((c) => c !== 'MESSAGE').map((c) => [c, CHANNEL_WEIGHT[c]] as const);
    return { channel: rng.weighted(offered), kind: 'MATTER' as const, item };
  };
  if (t.kind === 'HOTLINE_CENTER') {
    const channel = rng.weighted<Channel>([['HOTLINE', 0.78], ['MESSAGE', 0.1], ['WECHAT', 0.07], ['APP', 0.05]]);
    const item = channel === 'HOTLINE' ? (rng.chance(0.72) ? itemOf(t, 'HOTLINE-CONSULT') : null) : rng.chance(0.85) ? itemOf(t, 'HOTLINE-MESSAGE') : null;
    return { channel, kind: 'CONSULTATION', item };
  }
  if (!working) return consult(MESSAGE_LIKE, rng.chance(0.5) ? (itemOf(t, 'TPL-CONSULT') ?? null) : null);
  switch (t.kind) {
    case 'DISTRICT_BUREAU':
      if (rng.chance(0.1)) return matter(itemOf(t, 'TPL-LEGAL-EDU')!);
      return consult([['ONSITE', 0.5], ['HOTLINE', 0.1], ['ONLINE', 0.15], ['MESSAGE', 0.12], ['WECHAT', 0.08], ['APP', 0.05]], rng.chance(0.65) ? itemOf(t, 'TPL-CONSULT') : null);
    case 'JUDICIAL_OFFICE':
      if (rng.chance(0.3)) return matter(t.items[0]!);
      return consult([['ONSITE', 0.75], ['HOTLINE', 0.1], ['WECHAT', 0.1], ['MESSAGE', 0.05]]);
    case 'LEGAL_AID_CENTER':
      if (rng.chance(0.72)) return matter(rng.chance(0.55) ? itemOf(t, 'TPL-LEGAL-AID')! : itemOf(t, 'LA-WAGE')!);
      return consult([['ONSITE', 0.6], ['HOTLINE', 0.25], ['MESSAGE', 0.15]]);
    case 'NOTARY_OFFICE':
      if (rng.chance(0.85)) return matter(rng.pick(matterItems(t)));
      return consult([['ONSITE', 0.7], ['HOTLINE', 0.3]]);
    case 'LAW_FIRM':
      if (rng.chance(0.6)) return matter(rng.pick(matterItems(t)));
      return consult([['ONSITE', 0.6], ['ONLINE', 0.25], ['MESSAGE', 0.15]]);
    default:
      if (t.items.length && rng.chance(0.8)) return matter(rng.pick(t.items));
      return consult([['ONSITE', 1]]);
  }
}

/** Hour-of-day weights: offices keep office hours, the hotline and the internet never close. */
const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1.2, 1.1, 0.2, 0.3, 1, 1.2, 1.1, 0.5, 0, 0, 0, 0, 0, 0];
const ROUND_THE_CLOCK = [0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.3, 0.6, 1, 1.2, 1.2, 1.1, 0.8, 0.9, 1.1, 1.1, 1, 0.9, 0.8, 0.8, 0.7, 0.6, 0.4, 0.25];
const HOURS_OF = (w: number[]) => w.map((x, h) => [h, x] as const).filter(([, x]) => x > 0);
const OFFICE = HOURS_OF(OFFICE_HOURS);
const ALWAYS = HOURS_OF(ROUND_THE_CLOCK);

function receivedAt(rng: Rng, day: CivilDate, t: CityTenant, channel: Channel): number {
  const always = t.kind === 'HOTLINE_CENTER' || channel === 'MESSAGE' || channel === 'WECHAT' || channel === 'APP';
  const hour = rng.weighted(always ? ALWAYS : OFFICE);
  const minute = hour === 17 && !always ? rng.int(0, 29) : rng.int(0, 59);
  return startOfDay(day).getTime() + hour * HOUR + minute * 60_000 + rng.int(0, 59_999);
}

/** The day's intakes, in time order (numbers are given by the caller, which keeps the counters). */
export function planDay(rng: Rng, cal: WorkCalendar, picker: TenantPicker, city: City, day: CivilDate, count: number, firstIndex: number): Intake[] {
  const working = isWorkingDay(cal, day);
  const out: Intake[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = working ? picker.pick(rng) : rng.chance(0.62) ? city.hotline : picker.pick(rng, (t) => t.kind !== 'HOTLINE_CENTER');
    const k = chooseKind(rng, tenant, working);
    out.push({ index: firstIndex + i, tenant, ...k, receivedMs: receivedAt(rng, day, tenant, k.channel), number: '' });
  }
  return out.sort((a, b) => a.receivedMs - b.receivedMs || a.index - b.index);
}

// ---------------------------------------------------------------------------------------------
// Requesters and intake forms

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with a real birth date and the right check character (GB 11643). */
export function residentId(rng: Rng, divisionCode: string, receivedYear: number): string {
  const year = rng.int(receivedYear - 80, receivedYear - 19);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body = `${divisionCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

export const mobile = (rng: Rng) => `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

export interface IntakeDetails {
  subject: string;
  description: string | null;
  requester: { name: string | null; phone: string | null; residentId: string | null; otherContact: string | null };
  formData: Record<string, unknown>;
  protectedGroups: ProtectedGroup[];
  urgency: 'NORMAL' | 'URGENT' | 'EMERGENCY';
  sensitive: boolean;
}

const GROUPS: Record<string, ProtectedGroup> = { elderly: 'ELDERLY', disabled: 'DISABLED', minor: 'MINOR', migrant_wage: 'MIGRANT_WAGE' };

/** Subject, requester and form answers for an intake; the answers pass the app's form check. */
export function intakeDetails(rng: Rng, intake: Intake, today: CivilDate): IntakeDetails {
  const message = intake.channel === 'MESSAGE';
  const year = yearOf(today);
  const name = rng.chance(message ? 0.4 : 0.75) ? personName(rng) : null;
  const phone = rng.chance(message ? 0.6 : 0.85) ? mobile(rng) : null;
  const needsId = intake.kind === 'MATTER' && !message;
  const id = !message && (needsId || rng.chance(0.08)) ? residentId(rng, intake.tenant.divisionCode === '500000' ? '500112' : intake.tenant.divisionCode, year) : null;
  const requester = { name, phone, residentId: id, otherContact: null };
  const protectedGroups: ProtectedGroup[] = rng.chance(0.12) ? [rng.pick(Object.values(GROUPS))] : [];
  const area = rng.pick(AREAS);
  const subject = intake.kind === 'MATTER' ? rng.pick(MATTER_SUBJECTS[intake.item?.content.category ?? 'OTHER'] ?? MATTER_SUBJECTS.OTHER!) : rng.pick(SUBJECTS[area]!);
  let formData: Record<string, unknown> = {};
  if (intake.item) {
    const fields = intake.item.content.form.fields;
    for (const f of fields) {
      if (!f.required && !rng.chance(0.5)) continue;
      const v = answer(rng, f, { area, subject, requester: { name: name ?? personName(rng), phone: phone ?? mobile(rng), residentId: id }, protectedGroups, today, division: intake.tenant.divisionCode });
      if (v !== undefined) formData[f.key] = v;
    }
    const checked = validateSubmission(intake.item.content.form as unknown as FormDefinition, formData, { today });
    if (!checked.ok) throw new Error(`large seed: generated answers for ${intake.item.content.code} fail the form check: ${JSON.stringify(checked.errors)}`);
    formData = checked.value;
  }
  return {
    subject,
    description: message ? `${subject}，${rng.pick(DESCRIPTIONS)}` : rng.chance(0.3) ? rng.pick(DESCRIPTIONS) : null,
    requester,
    formData,
    protectedGroups,
    urgency: rng.weighted([['NORMAL', 0.95], ['URGENT', 0.045], ['EMERGENCY', 0.005]] as const),
    sensitive: !message && rng.chance(0.004),
  };
}

interface AnswerContext {
  area: string;
  subject: string;
  requester: { name: string; phone: string; residentId: string | null };
  protectedGroups: ProtectedGroup[];
  today: CivilDate;
  division: string;
}

function answer(rng: Rng, f: FormFieldData, c: AnswerContext): unknown {
  const cfg = f.config as { maxLength?: number; min?: number; max?: number; integer?: boolean; notInFuture?: boolean; options?: { value: string }[] };
  const cut = (s: string) => s.slice(0, cfg.maxLength ?? 2000);
  switch (f.type) {
    case 'TEXT':
      if (/name$/.test(f.key) && !/org|client/.test(f.key)) return cut(f.key === 'applicant_name' || f.key === 'caller_name' ? c.requester.name : personName(rng));
      if (/org|employer|opponent|client_name|other_party/.test(f.key)) return cut(rng.pick(COMPANIES));
      if (/address|location|site|venue/.test(f.key)) return cut(`重庆市${rng.pick(ROADS)}${rng.int(1, 300)}号`);
      if (f.key === 'case_number') return cut(`（${yearOf(c.today)}）渝${c.division.slice(2)}民初${rng.int(100, 9999)}号`);
      return cut(rng.pick(['美国', '加拿大', '澳大利亚', '日本']));
    case 'LONG_TEXT':
      return cut(`${c.subject}。${rng.pick(DESCRIPTIONS)}`);
    case 'NUMBER': {
      const min = cfg.min ?? 0;
      const max = Math.min(cfg.max ?? 100_000, min + (f.key.includes('amount') || f.key.includes('income') ? 200_000 : 200));
      const n = rng.between(Math.max(min, 1), Math.max(max, min + 1));
      return cfg.integer ? Math.max(min, Math.min(cfg.max ?? Infinity, Math.round(n))) : Math.round(n * 100) / 100;
    }
    case 'DATE':
      return cfg.notInFuture ? addDays(c.today, -rng.int(1, 400)) : addDays(c.today, rng.int(5, 40));
    case 'SELECT':
      return f.key === 'consult_type' && cfg.options?.some((o) => o.value === c.area) ? c.area : rng.pick(cfg.options!).value;
    case 'MULTI_SELECT': {
      if (f.key === 'special_groups') {
        const values = c.protectedGroups.map((g) => Object.keys(GROUPS).find((k) => GROUPS[k] === g)!).filter((v) => cfg.options!.some((o) => o.value === v));
        return values.length ? values : f.required ? [cfg.options![0]!.value] : undefined;
      }
      return rng.sample(cfg.options!, rng.int(1, Math.min(2, cfg.options!.length))).map((o) => o.value);
    }
    case 'YES_NO':
      return rng.chance(0.5);
    case 'PHONE':
      return c.requester.phone;
    case 'RESIDENT_ID':
      return c.requester.residentId ?? residentId(rng, c.division === '500000' ? '500112' : c.division, yearOf(c.today));
    default:
      throw new Error(`large seed: no answers for field type ${f.type}`);
  }
}
