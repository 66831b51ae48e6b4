/**
 * zh-CN labels of the platform's vocabularies, one table each, typed against the domain's own lists
 * so that a new value cannot be left without a label. The public pages, the reports and the
 * exports all print these (the admin app has its own message files).
 */
import type { Channel, LimitUnit, ServiceCategory } from '../../schema/db/catalogue.js';
import type { TenantKind } from '../../schema/db/tenancy.js';
import type { Outcome } from './cases/resolution.js';
import type { CaseState } from './cases/states.js';
import { RATING_SCALE, type CaseKind, type Rating, type Strategy } from './cases/vocabulary.js';

export const TENANT_KIND_LABEL: Record<TenantKind, string> = {
  MUNICIPAL_BUREAU: '市司法局',
  DISTRICT_BUREAU: '区县司法局',
  JUDICIAL_OFFICE: '司法所',
  HOTLINE_CENTER: '12348热线中心',
  LEGAL_AID_CENTER: '法律援助中心',
  LAW_FIRM: '律师事务所',
  NOTARY_OFFICE: '公证处',
  MEDIATION_COMMITTEE: '人民调解委员会',
  APPRAISAL_INSTITUTION: '司法鉴定机构',
};

export const CATEGORY_LABEL: Record<ServiceCategory, string> = {
  LAWYER: '律师服务',
  NOTARY: '公证',
  LEGAL_AID: '法律援助',
  MEDIATION: '人民调解',
  APPRAISAL: '司法鉴定',
  EXAM: '法律职业资格考试',
  LEGAL_EDUCATION: '法治宣传',
  CONSULTATION: '法律咨询',
  OTHER: '其他',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  ONSITE: '窗口',
  HOTLINE: '12348热线',
  ONLINE: '网上咨询',
  MESSAGE: '网上留言',
  APP: '移动应用',
  WECHAT: '微信',
};

export const CASE_KIND_LABEL: Record<CaseKind, string> = { CONSULTATION: '咨询', MATTER: '事项' };

const UNIT_LABEL: Record<LimitUnit, string> = { WORKING_DAYS: '个工作日', CALENDAR_DAYS: '日', HOURS: '小时' };
export const limitLabel = (l: { unit: LimitUnit; amount: number }) => `${l.amount}${UNIT_LABEL[l.unit]}`;

/** Art. 7-8: 咨询解答, 引导办理, 指引转介. */
export const STRATEGY_LABEL: Record<Strategy, string> = {
  ANSWER: '咨询解答',
  GUIDE: '引导办理',
  REFER: '指引转介',
};

/** How a case ended (server/domain/cases/resolution.ts OUTCOME_RULES). */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  ANSWERED: '已解答',
  GUIDED: '引导办理',
  HANDLED: '已办结',
  REFERRED: '指引转介',
  OUT_OF_SCOPE: '告知其他渠道',
  WITHDRAWN: '当事人撤回',
};

export const STATUS_LABEL: Record<CaseState, string> = {
  OPEN: '已受理',
  IN_PROGRESS: '办理中',
  AWAITING_MATERIALS: '待补正材料',
  TRANSFER_PENDING: '转办待接收',
  RESOLVED: '已办结',
  CLOSED: '已结案',
  REJECTED: '不予受理',
};

export const ratingLabel = (score: Rating) => RATING_SCALE[score].label;

/** Looks a code up in a label table, falling back to the code itself for a value added later. */
export const labelOf = <K extends string>(table: Record<K, string>, code: string | null | undefined): string | null =>
  code == null ? null : (table[code as K] ?? code);
