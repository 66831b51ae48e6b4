/**
 * The large city (issue 7, "Large-data generator"): about 1,000 tenants built from Chongqing's 38
 * districts and counties (shared/data/chongqing-divisions.json, copied in seeds/data/), each with
 * its bureau, its judicial offices (司法所), a legal-aid centre, a notary office, law firms and
 * people's mediation committees; a few users per tenant; and the demo's catalogue shapes
 * (seeds/demo-catalogue.ts) published across it. Plain deterministic data; seeds/large.ts writes it.
 */
import { readFileSync } from 'node:fs';
import type { ServiceItemContent } from '../schema/db/catalogue.js';
import type { TenantKind, UserRole } from '../schema/db/tenancy.js';
import { parseServiceItemContent } from '../server/domain/catalogue/service-item.js';
import { COMMITMENTS, TEMPLATES, TENANT_ITEMS } from './demo-catalogue.js';
import { Rng } from './large-random.js';
import { FIRM_WORDS, personName, ROADS, townName } from './large-texts.js';

/** Every generated account signs in with this password (hashed once, the hash shared). */
export const LARGE_PASSWORD = 'tianping-large';
/** When the city's tenants, users and catalogue were set up (before the first case). */
export const CITY_SET_UP_AT = new Date('2024-12-02T01:00:00.000Z');

export interface CityUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  roles: UserRole[];
}

export interface CityItem {
  id: string;
  /** Its one published version's row. */
  versionId: string;
  tenantId: string;
  content: ServiceItemContent;
  isTemplate: boolean;
  adoptedFromItemId: string | null;
  /** MATTER items (legal aid, mediation, notary ...) or CONSULTATION ones. */
  caseKind: 'CONSULTATION' | 'MATTER';
}

export interface CityTenant {
  id: string;
  parentId: string | null;
  kind: TenantKind;
  slug: string;
  name: string;
  nameEn: string;
  divisionCode: string;
  address: string | null;
  phone: string | null;
  officeHours: string;
  statutoryDuties: string | null;
  introduction: string | null;
  depth: number;
  /** Root first, the tenant itself excluded. */
  ancestors: string[];
  /** The district (bureau) it belongs to; null for the root and the hotline centre. */
  district: District | null;
  /** Relative share of the city's intake. */
  volume: number;
  /** Chance a case is done within its committed limit; rating and answering habits. */
  onTime: number;
  satisfaction: number;
  answerFast: number;
  users: CityUser[];
  /** Users who handle cases (STAFF or SUPERVISOR). */
  handlers: CityUser[];
  /** Users who approve extensions (SUPERVISOR or ADMIN). */
  approvers: CityUser[];
  supervisors: CityUser[];
  items: CityItem[];
}

export interface District {
  code: string;
  name: string;
  /** The name without 区/县 (渝北, 城口). */
  short: string;
  slug: string;
  bureau: CityTenant;
  offices: CityTenant[];
  legalAid: CityTenant;
  notary: CityTenant;
  lawFirms: CityTenant[];
  mediation: CityTenant[];
}

export interface CityCommitment {
  id: string;
  tenantId: string;
  kind: (typeof COMMITMENTS)[number]['kind'];
  title: string;
  body: string;
  metric: string | null;
  target: number | null;
  sortOrder: number;
}

export interface City {
  tenants: CityTenant[];
  byId: Map<string, CityTenant>;
  root: CityTenant;
  hotline: CityTenant;
  districts: District[];
  users: CityUser[];
  items: CityItem[];
  commitments: CityCommitment[];
}

/** Pinyin slugs of the 38 districts and counties, by division code. */
const SLUGS: Record<string, string> = {
  '500101': 'wanzhou', '500102': 'fuling', '500103': 'yuzhong', '500104': 'dadukou', '500105': 'jiangbei', '500106': 'shapingba',
  '500107': 'jiulongpo', '500108': 'nanan', '500109': 'beibei', '500110': 'qijiang', '500111': 'dazu', '500112': 'yubei',
  '500113': 'banan', '500114': 'qianjiang', '500115': 'changshou', '500116': 'jiangjin', '500117': 'hechuan', '500118': 'yongchuan',
  '500119': 'nanchuan', '500120': 'bishan', '500151': 'tongliang', '500152': 'tongnan', '500153': 'rongchang', '500154': 'kaizhou',
  '500155': 'liangping', '500156': 'wulong', '500229': 'chengkou', '500230': 'fengdu', '500231': 'dianjiang', '500233': 'zhongxian',
  '500235': 'yunyang', '500236': 'fengjie', '500237': 'wushan', '500238': 'wuxi', '500240': 'shizhu', '500241': 'xiushan',
  '500242': 'youyang', '500243': 'pengshui',
};
/** The central districts: more people, more cases, streets (街道) rather than towns. */
const URBAN = new Set(['500103', '500104', '500105', '500106', '500107', '500108', '500109', '500112', '500113']);
const HOURS = '周一至周五 9:00-12:00，14:00-17:30（法定节假日除外）';

interface Divisions {
  districts: { code: string; name: string }[];
  counties: { code: string; name: string }[];
  examples: Record<string, string[]>;
}

function readDivisions(): Divisions {
  return JSON.parse(readFileSync(new URL('./data/chongqing-divisions.json', import.meta.url), 'utf8')) as Divisions;
}

const byCode = (code: string) => {
  const seed = [...TEMPLATES, ...TENANT_ITEMS.flatMap((s) => (s.content ? [s.content] : []))].find((c) => c.code === code);
  if (!seed) throw new Error(`large city: no demo catalogue item ${code}`);
  return parseServiceItemContent(seed);
};

export function buildCity(seed: number): City {
  const rng = new Rng(seed, 'city');
  const divisions = readDivisions();
  const tenants: CityTenant[] = [];
  const users: CityUser[] = [];
  const items: CityItem[] = [];

  const add = (t: Omit<CityTenant, 'id' | 'parentId' | 'depth' | 'ancestors' | 'users' | 'handlers' | 'approvers' | 'supervisors' | 'items' | 'onTime' | 'satisfaction' | 'answerFast'>, parent: CityTenant | null): CityTenant => {
    const tenant: CityTenant = {
      ...t,
      id: rng.uuid(),
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      ancestors: parent ? [...parent.ancestors, parent.id] : [],
      onTime: rng.between(0.8, 0.97),
      satisfaction: rng.between(0.86, 0.99),
      answerFast: rng.between(0.86, 0.995),
      users: [],
      handlers: [],
      approvers: [],
      supervisors: [],
      items: [],
    };
    tenants.push(tenant);
    return tenant;
  };
  const base = { address: null, phone: null, statutoryDuties: null, introduction: null, officeHours: HOURS, district: null };

  const root = add({ ...base, kind: 'MUNICIPAL_BUREAU', slug: 'cq', name: '重庆市司法局', nameEn: 'Chongqing Municipal Justice Bureau', divisionCode: '500000', address: '重庆市渝北区龙塔街道黄龙路4号（邮编 401147）', phone: '023-12348', statutoryDuties: '统筹全市公共法律服务体系建设，制定工作规范，监督指导各区县及法律服务机构。', volume: 0 }, null);
  const hotline = add({ ...base, kind: 'HOTLINE_CENTER', slug: 'cq-12348', name: '重庆市12348公共法律服务热线中心', nameEn: 'Chongqing 12348 Public Legal Service Hotline Centre', divisionCode: '500000', phone: '12348', officeHours: '7×24小时', statutoryDuties: '受理全市12348热线法律咨询，转办、交办并跟踪反馈。', volume: 0 }, root);

  const districts: District[] = [];
  for (const d of [...divisions.districts, ...divisions.counties]) {
    const slug = SLUGS[d.code];
    if (!slug) throw new Error(`large city: no slug for division ${d.code} ${d.name}`);
    const short = d.name.replace(/(区|县|土家族自治县|土家族苗族自治县|苗族土家族自治县)$/, '');
    const weight = (URBAN.has(d.code) ? 2.2 : 1) * rng.between(0.6, 1.4);
    const bureau = add({ ...base, kind: 'DISTRICT_BUREAU', slug, name: `重庆市${d.name}司法局`, nameEn: `${cap(slug)} Justice Bureau`, divisionCode: d.code, address: `重庆市${d.name}${rng.pick(ROADS)}${rng.int(1, 300)}号`, phone: `023-${rng.int(40, 89)}${rng.int(100000, 999999)}`, statutoryDuties: `负责${d.name}公共法律服务体系建设，指导司法所、人民调解、法律援助和法治宣传工作。`, introduction: `${d.name}公共法律服务中心提供法律咨询、法律援助、人民调解、公证等一站式服务。`, volume: weight * 6 }, root);
    const district: District = { code: d.code, name: d.name, short, slug, bureau, offices: [], legalAid: bureau, notary: bureau, lawFirms: [], mediation: [] };
    bureau.district = district;
    const taken = new Set<string>();
    const known = Object.entries(divisions.examples).find(([k]) => k.startsWith(d.name))?.[1] ?? [];
    const officeCount = d.code === '500103' ? known.length : rng.int(URBAN.has(d.code) ? 16 : 14, URBAN.has(d.code) ? 26 : 28);
    for (let i = 0; i < officeCount; i++) {
      const place = known[i] ? known[i]!.replace(/(街道|镇)$/, '') : townName(rng, taken);
      taken.add(place);
      district.offices.push(add({ ...base, district, kind: 'JUDICIAL_OFFICE', slug: `${slug}-so${String(i + 1).padStart(2, '0')}`, name: `${d.name}${place}司法所`, nameEn: `${cap(slug)} Judicial Office ${i + 1}`, divisionCode: d.code, statutoryDuties: '指导人民调解，开展法治宣传，提供基层公共法律服务。', volume: weight * rng.between(0.5, 1.6) * 0.45 }, bureau));
    }
    district.legalAid = add({ ...base, district, kind: 'LEGAL_AID_CENTER', slug: `${slug}-legal-aid`, name: `${d.name}法律援助中心`, nameEn: `${cap(slug)} Legal Aid Centre`, divisionCode: d.code, phone: `023-${rng.int(40, 89)}${rng.int(100000, 999999)}`, volume: weight * 2.2 }, bureau);
    district.notary = add({ ...base, district, kind: 'NOTARY_OFFICE', slug: `${slug}-notary`, name: `重庆市${short}公证处`, nameEn: `${cap(slug)} Notary Office`, divisionCode: d.code, volume: weight * 1.4 }, bureau);
    const firms = URBAN.has(d.code) ? rng.int(3, 4) : rng.int(1, 2);
    const words = rng.sample(FIRM_WORDS, firms);
    for (let i = 0; i < firms; i++) {
      district.lawFirms.push(add({ ...base, district, kind: 'LAW_FIRM', slug: `${slug}-law${i + 1}`, name: `重庆${short}${words[i]}律师事务所`, nameEn: `${cap(slug)} Law Firm ${i + 1}`, divisionCode: d.code, volume: weight * 0.5 }, bureau));
    }
    for (const office of rng.sample(district.offices, 2)) {
      const place = office.name.slice(d.name.length, -3);
      district.mediation.push(add({ ...base, district, kind: 'MEDIATION_COMMITTEE', slug: `${office.slug}-mediation`, name: `${place}人民调解委员会`, nameEn: `${office.nameEn} Mediation Committee`, divisionCode: d.code, volume: weight * 0.4 }, office));
    }
    districts.push(district);
  }
  hotline.volume = tenants.reduce((s, t) => s + t.volume, 0) * 0.22;

  // Users: one hash for all (seeds/large.ts); usernames from the slugs.
  const user = (t: CityTenant, username: string, label: string, roles: UserRole[]) => {
    const u: CityUser = { id: rng.uuid(), tenantId: t.id, username, displayName: `${label} ${personName(rng)}`, roles };
    users.push(u);
    t.users.push(u);
    if (roles.includes('STAFF') || roles.includes('SUPERVISOR')) t.handlers.push(u);
    if (roles.includes('SUPERVISOR') || roles.includes('ADMIN')) t.approvers.push(u);
    if (roles.includes('SUPERVISOR')) t.supervisors.push(u);
  };
  user(root, 'city.admin', '市局管理员', ['ADMIN']);
  user(root, 'city.supervisor', '市局督办', ['SUPERVISOR']);
  user(hotline, 'hotline.supervisor', '热线班长', ['SUPERVISOR', 'STAFF']);
  for (let i = 1; i <= 24; i++) user(hotline, `hotline.staff${i}`, '热线接线员', ['STAFF']);
  for (const t of tenants) {
    if (t.kind === 'DISTRICT_BUREAU') {
      user(t, `${t.slug}.admin`, '管理员', ['ADMIN']);
      user(t, `${t.slug}.supervisor`, '督办', ['SUPERVISOR']);
      for (let i = 1; i <= 4; i++) user(t, `${t.slug}.staff${i}`, '窗口', ['STAFF']);
    } else if (t.kind !== 'MUNICIPAL_BUREAU' && t.kind !== 'HOTLINE_CENTER') {
      user(t, `${t.slug}.admin`, '负责人', ['ADMIN', 'SUPERVISOR']);
      const staff = t.kind === 'JUDICIAL_OFFICE' || t.kind === 'MEDIATION_COMMITTEE' ? 2 : 3;
      for (let i = 1; i <= staff; i++) user(t, `${t.slug}.staff${i}`, '工作人员', ['STAFF']);
    }
  }

  // Catalogue: the root's templates, adopted or adapted across the tree (the demo's shapes).
  const templates = new Map<string, CityItem>();
  const item = (t: CityTenant, code: string, kind: CityItem['caseKind'], from?: CityItem) => {
    const it: CityItem = { id: rng.uuid(), versionId: rng.uuid(), tenantId: t.id, content: byCode(code), isTemplate: t === root, adoptedFromItemId: from?.id ?? null, caseKind: kind };
    items.push(it);
    if (t !== root) t.items.push(it);
    return it;
  };
  for (const tpl of TEMPLATES) templates.set(tpl.code, item(root, tpl.code, tpl.category === 'CONSULTATION' ? 'CONSULTATION' : 'MATTER'));
  const adopt = (t: CityTenant, code: string, kind: CityItem['caseKind']) => item(t, code, kind, templates.get(code));
  item(hotline, 'HOTLINE-CONSULT', 'CONSULTATION');
  item(hotline, 'HOTLINE-MESSAGE', 'CONSULTATION');
  for (const d of districts) {
    adopt(d.bureau, 'TPL-CONSULT', 'CONSULTATION');
    adopt(d.bureau, 'TPL-LEGAL-EDU', 'MATTER');
    for (const o of d.offices) adopt(o, 'TPL-MEDIATION', 'MATTER');
    adopt(d.legalAid, 'TPL-LEGAL-AID', 'MATTER');
    item(d.legalAid, 'LA-WAGE', 'MATTER');
    adopt(d.notary, 'TPL-NOTARY', 'MATTER');
    item(d.notary, 'NOT-POA', 'MATTER');
    if (URBAN.has(d.code)) item(d.notary, 'NOT-INHERIT', 'MATTER');
    d.lawFirms.forEach((f, i) => item(f, ['LAW-LABOR', 'LAW-CIVIL', 'LAW-CONTRACT', 'LAW-COUNSEL'][i % 4]!, 'MATTER'));
    d.mediation.forEach((m, i) => item(m, i % 2 ? 'MED-PROPERTY' : 'MED-NEIGHBOR', 'MATTER'));
  }

  // Commitments: the demo's municipal and hotline ones, and two measured ones per district.
  const commitments: CityCommitment[] = [];
  const commit = (t: CityTenant, c: Omit<CityCommitment, 'id' | 'tenantId' | 'sortOrder'>) =>
    commitments.push({ ...c, id: rng.uuid(), tenantId: t.id, sortOrder: commitments.filter((x) => x.tenantId === t.id).length });
  for (const c of COMMITMENTS) {
    const t = c.tenant === 'cq' ? root : c.tenant === 'cq-12348' ? hotline : null;
    if (t && c.published) commit(t, { kind: c.kind, title: c.title, body: c.body, metric: c.metric ?? null, target: c.target ?? null });
  }
  for (const d of districts) {
    commit(d.bureau, { kind: 'TIME_LIMIT', title: '按时办结率98%', body: `${d.name}公共法律服务中心受理事项按时办结率不低于98%。`, metric: 'ON_TIME_RATE', target: 98 });
    commit(d.bureau, { kind: 'QUALITY', title: '满意率95%以上', body: '办结后邀请当事人评价，不满意评价逐件回访。', metric: 'SATISFACTION_RATE', target: 95 });
  }

  return { tenants, byId: new Map(tenants.map((t) => [t.id, t])), root, hotline, districts, users, items, commitments };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
