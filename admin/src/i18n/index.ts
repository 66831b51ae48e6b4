import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import type { Localize } from '../dataProvider/client.js';
import cases from '../cases/messages.js';
import catalogue from '../catalogue/messages.js';
import intake from '../intake/messages.js';
import live from '../live/messages.js';
import type { MessageTree, ModuleMessages, ServerMessagePattern } from '../messages.js';
import settings from '../settings/messages.js';
import supervision from '../supervision/messages.js';
import { en as baseEn } from './en.js';
import { zhCN as baseZhCN } from './zh-CN.js';

/** Each module keeps its messages beside its screens (messages.ts); they are merged over the base. */
const MODULES: ModuleMessages[] = [cases, catalogue, intake, live, settings, supervision];

export function mergeMessages(base: MessageTree, ...more: MessageTree[]): MessageTree {
  const out: MessageTree = { ...base };
  for (const tree of more) {
    for (const [k, v] of Object.entries(tree)) {
      const here = out[k];
      out[k] = typeof v === 'object' && typeof here === 'object' ? mergeMessages(here, v) : v;
    }
  }
  return out;
}

export const zhCN = mergeMessages(baseZhCN as unknown as MessageTree, ...MODULES.map((m) => m.zhCN));
export const en = mergeMessages(baseEn as unknown as MessageTree, ...MODULES.map((m) => m.en));

export const DEFAULT_LOCALE = 'zh-CN';
export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

/** Every date and time is shown in the bureau's time zone, whatever the browser's. */
export const TIME_ZONE = 'Asia/Shanghai';

export const messagesFor = (locale: string) => (locale === 'en' ? en : zhCN) as unknown as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(messagesFor, DEFAULT_LOCALE, LOCALES, { allowMissing: true });

/**
 * The server's messages are English; the known ones become message keys (tianping.server.* here,
 * and those modules declare in their messages.ts `server`),
 * anything else is shown as it came. Checked against the server's texts in i18n.test.ts.
 */
const BASE_SERVER_MESSAGES: ServerMessagePattern[] = [
  [/^is required$/, 'tianping.server.required', () => ({})],
  [/^is too long$/, 'tianping.server.too_long', () => ({})],
  [/^must be at most (\d+) characters$/, 'tianping.server.at_most', (m) => ({ max: m[1]! })],
  [/^must be at least (\d+) characters$/, 'tianping.server.at_least', (m) => ({ min: m[1]! })],
  [/^is not a (valid|[A-Za-z]+) id$/, 'tianping.server.invalid_id', () => ({})],
  [/^no such tenant$/, 'tianping.server.no_such_tenant', () => ({})],
  [/^is already used by another tenant$/, 'tianping.server.slug_taken', () => ({})],
  [/^is already taken$/, 'tianping.server.username_taken', () => ({})],
  [/^must be 2-63 lowercase letters/, 'tianping.server.slug_format', () => ({})],
  [/^must be 3-40 characters/, 'tianping.server.username_format', () => ({})],
  [/^must be a mainland mobile number$/, 'tianping.server.mobile', () => ({})],
  [/^must be a telephone number$/, 'tianping.server.telephone', () => ({})],
  [/^must be a 6-digit administrative division code$/, 'tianping.server.division_code', () => ({})],
  [/^must contain letters and at least one digit or symbol$/, 'tianping.server.password_chars', () => ({})],
  [/^must not repeat one character$/, 'tianping.server.password_repeat', () => ({})],
  [/^the (parent tenant|new parent) is suspended$/, 'tianping.server.parent_suspended', () => ({})],
  [/^is outside the tenants you manage$/, 'tianping.server.outside_subtree', () => ({})],
  [/^the root stays a municipal bureau$/, 'tianping.server.root_kind', () => ({})],
  [/^you cannot remove your own ADMIN role$/, 'tianping.server.own_admin_role', () => ({})],
  [/^you cannot deactivate yourself$/, 'tianping.server.deactivate_self', () => ({})],
  [/^must be one of (.+)$/, 'tianping.server.one_of', (m) => ({ options: m[1]! })],
  [/^a tenant cannot move into its own subtree$/, 'tianping.server.move_into_subtree', () => ({})],
  [/^is already a closure of this tenant$/, 'tianping.server.closure_exists', () => ({})],
  [/^must be a date YYYY-MM-DD$/, 'tianping.server.date_format', () => ({})],
  [/^must be a percentage above 0 and at most 100$/, 'tianping.server.percentage', () => ({})],
  [/^must be at most the municipal (\d+) ?(s|min)\b/, 'tianping.server.at_most_municipal', (m) => ({ value: m[1]!, unit: m[2]! })],
  [/^is required with a (metric|target)$/, 'tianping.server.required_with', (m) => ({ what: m[1]! })],
  [/^a tenant holds at most (\d+) active keys/, 'tianping.server.max_keys', (m) => ({ max: m[1]! })],
  [/^nothing to change$/, 'tianping.server.nothing_to_change', () => ({})],
  [/^needs at least one holiday$/, 'tianping.server.needs_holiday', () => ({})],
  [/^must be (\d+) or later$/, 'tianping.server.year_min', (m) => ({ year: m[1]! })],
  [/^must be (\d+) or earlier$/, 'tianping.server.year_max', (m) => ({ year: m[1]! })],
  [/^is not correct$/, 'tianping.server.not_correct', () => ({})],
  [/^must differ from the current password$/, 'tianping.server.password_same', () => ({})],
  [/^export at most a year at a time$/, 'tianping.server.export_year', () => ({})],
  [/^an appointment needs its time/, 'tianping.server.appointment_time', () => ({})],
  [/^is not a user of the tenant handling the case$/, 'tianping.server.not_handler_user', () => ({})],
  [/^is deactivated$/, 'tianping.server.deactivated', () => ({})],
  [/^handles no cases/, 'tianping.server.handles_no_cases', () => ({})],
  [/^is not an organisation taking messages$/, 'tianping.server.not_taking_messages', () => ({})],
  [/^is not a user of that tenant you can see/, 'tianping.server.not_user_of_tenant', () => ({})],
  [/^is not an active organisation$/, 'tianping.server.not_active_org', () => ({})],
  [/^is the tenant already handling the case$/, 'tianping.server.already_handling', () => ({})],
  [/^is not a tenant below yours$/, 'tianping.server.not_below', () => ({})],
  [/^is not a published template$/, 'tianping.server.not_published_template', () => ({})],
  [/^only the municipal bureau publishes templates$/, 'tianping.server.only_root_templates', () => ({})],
  [/^is in the future$/, 'tianping.server.in_future', () => ({})],
  [/^is before the case was received$/, 'tianping.server.before_received', () => ({})],
  [/^must be a whole number >= 0$/, 'tianping.server.whole_non_negative', () => ({})],
  [/^a pause never moves a due date earlier$/, 'tianping.server.pause_earlier', () => ({})],
  [/^is before the pause began$/, 'tianping.server.before_pause', () => ({})],
  [/^an extension moves the due date later$/, 'tianping.server.extension_later', () => ({})],
  [/^must be STATUTORY or COMMITTED$/, 'tianping.server.clock_kind', () => ({})],
  [/^is not a case event type$/, 'tianping.server.not_event_type', () => ({})],
  [/^must not be before from$/, 'tianping.server.not_before_from', () => ({})],
  [/^contains the forbidden phrase "(.+)"$/, 'tianping.server.forbidden_phrase', (m) => ({ phrase: m[1]! })],
];

const SERVER_MESSAGES: ServerMessagePattern[] = [...BASE_SERVER_MESSAGES, ...MODULES.flatMap((m) => m.server ?? [])];

export function serverMessageKey(message: string): { key: string; args: Record<string, string> } | null {
  for (const [pattern, key, args] of SERVER_MESSAGES) {
    const m = message.match(pattern);
    if (m) return { key, args: args(m) };
  }
  return null;
}

/** For the data provider: a server error in the language the viewer chose. */
export const localizeServerMessage =
  (translate: (key: string, options?: Record<string, unknown>) => string): Localize =>
  ({ code, message, field }) => {
    const known = serverMessageKey(message);
    const text = known ? translate(known.key, { ...known.args, _: message }) : message;
    if (field) return text;
    if (code === 'CONFLICT' && /changed by someone else/.test(message)) return translate('tianping.error.STALE_VERSION');
    return translate(`tianping.error.${code}`, { detail: text, _: text });
  };
