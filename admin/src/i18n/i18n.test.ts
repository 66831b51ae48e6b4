import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { en, i18nProvider, localizeServerMessage, messagesFor, zhCN } from './index.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const enKeys = flatten(en as unknown as Tree);
const zhKeys = flatten(zhCN as unknown as Tree);
const placeholders = (s: string) => new Set([...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]));

const srcDir = path.resolve(process.cwd(), 'admin/src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );

describe('messages', () => {
  test('every English key has a Chinese message', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  test('every Chinese key has an English message', () => {
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  test('react-admin’s own keys are all there (ra.*: the 164 of ra-language-english and more)', () => {
    expect([...zhKeys.keys()].filter((k) => k.startsWith('ra.')).length).toBeGreaterThanOrEqual(164);
  });

  test('Chinese messages are single forms, not empty, and use only placeholders the English one has', () => {
    for (const [key, zh] of zhKeys) {
      expect(zh.includes('||||'), key).toBe(false);
      if (key !== 'ra.boolean.null') expect(zh.trim(), key).not.toBe('');
      const allowed = placeholders(enKeys.get(key) ?? '');
      for (const p of placeholders(zh)) expect(allowed.has(p), `${key} uses %{${p}}`).toBe(true);
    }
  });

  test('every enum value of the schema the app shows has a message', () => {
    const schema = readFileSync(path.resolve(process.cwd(), 'schema/schema.graphql'), 'utf8');
    for (const name of Object.keys(en.enums as Tree)) {
      if (name === 'Active') continue; // a boolean, not a schema enum
      const block = schema.match(new RegExp(`\\nenum ${name} \\{([^}]*)\\}`));
      expect(block, `enum ${name} in the schema`).not.toBeNull();
      const values = block![1]!.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));
      expect(Object.keys((en.enums as Record<string, Record<string, string>>)[name]!).sort(), name).toEqual(values.sort());
    }
  });

  test('the schema’s vocabularies are labelled once, in the base (no area keeps its own copy of an enum)', () => {
    const areas = import.meta.glob<{ default: { zhCN: Tree; en: Tree } }>('../*/messages.ts', { eager: true });
    expect(Object.keys(areas).length).toBeGreaterThan(3);
    for (const [file, m] of Object.entries(areas)) expect([file, 'enums' in m.default.zhCN || 'enums' in m.default.en]).toEqual([file, false]);
  });

  test('every message key written in the app’s source exists (no raw keys on screen)', () => {
    const missing: string[] = [];
    for (const file of sources(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`]((?:tianping|resources|enums|ra)\.[A-Za-z0-9_.]+)['"`]/g)) {
        const key = m[1]!;
        if (!enKeys.has(key) || !zhKeys.has(key)) missing.push(`${path.relative(srcDir, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every field a resource shows or filters on has a label', () => {
    const missing: string[] = [];
    // A module folder shows its resources' fields (and those of resources it references).
    const folders = readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const resourceNames = Object.keys(en.resources as Tree);
    for (const folder of folders) {
      const own = resourceNames.filter((r) => r === folder || sources(path.join(srcDir, folder)).some((f) => readFileSync(f, 'utf8').includes(`resource="${r}"`) || readFileSync(f, 'utf8').includes(`name="${r}"`)));
      for (const file of sources(path.join(srcDir, folder))) {
        const resource = folder;
        const text = readFileSync(file, 'utf8');
        const others = [...text.matchAll(/reference="(\w+)"/g)].map((m) => m[1]!);
        for (const m of text.matchAll(/\bsource="([\w.]+)"/g)) {
          const ok = [resource, ...own, ...others].some((r) => enKeys.has(`resources.${r}.fields.${m[1]}`) && zhKeys.has(`resources.${r}.fields.${m[1]}`));
          if (!ok) missing.push(`${resource}/${path.basename(file)}: ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the server’s field messages', () => {
  test('every fixed field message the server’s use cases and rules write is translated (none reaches a Chinese screen in English)', () => {
    const serverDir = path.resolve(process.cwd(), 'server');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
      );
    const messages = new Set<string>();
    for (const file of [...files(path.join(serverDir, 'usecases')), ...files(path.join(serverDir, 'domain'))]) {
      for (const call of readFileSync(file, 'utf8').matchAll(/badInput\(\{([^}]*)\}\)/g)) {
        for (const m of call[1]!.matchAll(/:\s*'([^'$]+)'/g)) messages.add(m[1]!);
      }
    }
    expect(messages.size).toBeGreaterThan(30);
    const zh = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
    expect([...messages].filter((m) => zh({ code: 'BAD_USER_INPUT', message: m, field: 'f' }) === m)).toEqual([]);
  });
});

describe('the provider', () => {
  test('Chinese by default, English on request; no plural forms in Chinese', async () => {
    expect(i18nProvider.getLocale()).toBe('zh-CN');
    expect(i18nProvider.translate('ra.action.save')).toBe('保存');
    expect(i18nProvider.translate('ra.action.bulk_actions', { smart_count: 3 })).toBe('已选择 3 项');
    expect(i18nProvider.translate('resources.tenants.name', { smart_count: 2 })).toBe('机构');
    await i18nProvider.changeLocale('en');
    expect(i18nProvider.translate('ra.action.save')).toBe('Save');
    expect(i18nProvider.translate('resources.tenants.name', { smart_count: 2 })).toBe('Tenants');
    await i18nProvider.changeLocale('zh-CN');
    expect(messagesFor('zh-CN')).toBe(zhCN);
  });

  test('server messages are shown in Chinese where known, as they came otherwise', () => {
    const zh = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
    expect(zh({ code: 'BAD_USER_INPUT', message: 'is already taken', field: 'username' })).toBe('已被占用');
    expect(zh({ code: 'BAD_USER_INPUT', message: 'must be at most 200 characters', field: 'name' })).toBe('最多 200 个字符');
    expect(zh({ code: 'BAD_USER_INPUT', message: 'something new', field: 'name' })).toBe('something new');
    expect(zh({ code: 'FORBIDDEN', message: 'only admins of this tenant or above edit it' })).toBe('无权执行此操作（only admins of this tenant or above edit it）');
    expect(zh({ code: 'CONFLICT', message: 'tenant was changed by someone else; reload it and try again' })).toBe('该记录已被他人修改，请刷新后重试。');
  });

  test('the server’s field messages for tenants and users are all known', () => {
    // Kept in step with server/usecases: a new message there shows in English until added here.
    const zh = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
    for (const message of [
      'is required',
      'is too long',
      'no such tenant',
      'is already used by another tenant',
      'is already taken',
      'must be 2-63 lowercase letters, digits or hyphens',
      'must be 3-40 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit',
      'must be a mainland mobile number',
      'must be a telephone number',
      'must be a 6-digit administrative division code',
      'must contain letters and at least one digit or symbol',
      'must not repeat one character',
      'must be at least 10 characters',
      'the parent tenant is suspended',
      'is outside the tenants you manage',
      'the root stays a municipal bureau',
      'you cannot remove your own ADMIN role',
      'you cannot deactivate yourself',
      'is not a valid id',
      'is not a Tenant id',
      'a tenant cannot move into its own subtree',
      'is already a closure of this tenant',
      'must be a date YYYY-MM-DD',
      'must be a percentage above 0 and at most 100',
      'must be at most the municipal 3 s',
      'must be at most the municipal 60 min (Art. 21: a tenant may only be stricter)',
      'is required with a metric',
      'is required with a target',
      'a tenant holds at most 20 active keys; revoke one first',
      'nothing to change',
      'needs at least one holiday',
      'must be 2000 or later',
      'must be 2100 or earlier',
    ]) {
      expect(zh({ code: 'BAD_USER_INPUT', message, field: 'f' }), message).not.toBe(message);
    }
  });
});
