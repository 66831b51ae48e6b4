import { inquiryForm } from './self-service.js';
import { createHash } from 'node:crypto';
import { TENANT_KINDS, type TenantKind } from '../../schema/db/tenancy.js';
import type { DirectoryEntry, DirectorySort, Disclosure } from '../usecases/public/disclosure.js';
import type { DisclosureMeasures } from '../usecases/public/measures.js';
import { MEASURE_WINDOW_DAYS, METRIC_MEASURES, MIN_SAMPLE, type Measure, type headlineRates } from '../domain/stats/measures.js';
import type { CommitmentMetric } from '../../schema/db/disclosure.js';
import { html, page, type Raw } from './html.js';
import { CATEGORY_LABEL, CHANNEL_LABEL, TENANT_KIND_LABEL as KIND_LABEL, limitLabel, OUTCOME_LABEL } from '../domain/labels.js';

/** `/public`: the tenant directory, grouped by district and kind, searchable without JavaScript. */
type Rated = DirectoryEntry & { rates: ReturnType<typeof headlineRates> | null };

const SORTS: [DirectorySort, string, string][] = [
  ['DISTRICT', '', '按地区'],
  ['SATISFACTION', 'satisfaction', '按满意率'],
  ['ON_TIME', 'on-time', '按按时办结率'],
];

export function directoryPage(entries: Rated[], query: { q: string; kind: string; sort: DirectorySort }): string {
  if (query.sort !== 'DISTRICT') return rankedPage(entries, query);
  const groups = new Map<string, DirectoryEntry[]>();
  for (const e of entries) {
    const key = e.district?.name ?? '市级机构';
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const kindOptions = TENANT_KINDS.map(
    (k) => html`<option value="${k}"${query.kind === k ? html` selected` : ''}>${KIND_LABEL[k]}</option>`,
  );
  const body = html`
<h1>公共法律服务机构名录</h1>
<form class="search" method="get" action="/public" role="search">
  <div><label for="q">名称或地址</label><input id="q" name="q" type="search" value="${query.q}"></div>
  <div><label for="kind">机构类型</label><select id="kind" name="kind"><option value="">全部</option>${kindOptions}</select></div>
  <button type="submit">查询</button>
</form>
<p class="muted">共 ${entries.length} 个机构 · ${sortLinks(query)}</p>
${[...groups.entries()].map(
  ([district, list]) => html`
<section aria-labelledby="g-${slugId(district)}">
  <h2 id="g-${slugId(district)}">${district}</h2>
  ${byKind(list).map(
    ([kind, items]) => html`<h3>${KIND_LABEL[kind]}</h3>
  <ul class="plain">${items.map(
    (t) => html`<li><a href="/public/${t.slug}">${t.name}</a>${t.phone ? html` <span class="muted">电话 ${t.phone}</span>` : ''}${
      t.address ? html`<br><span class="muted">${t.address}</span>` : ''
    }</li>`,
  )}</ul>`,
  )}
</section>`,
)}`;
  return page('机构名录', body);
}

function sortLinks(query: { q: string; kind: string; sort: DirectorySort }): Raw {
  const href = (key: string) => {
    const p = new URLSearchParams();
    if (query.q) p.set('q', query.q);
    if (query.kind) p.set('kind', query.kind);
    if (key) p.set('sort', key);
    const qs = p.toString();
    return `/public${qs ? `?${qs}` : ''}`;
  };
  return html`排序：${SORTS.map(([sort, key, label], i) =>
    html`${i ? ' | ' : ''}${sort === query.sort ? html`<strong>${label}</strong>` : html`<a href="${href(key)}">${label}</a>`}`,
  )}`;
}

/** The directory ranked by a measured rate (Art. 16, 17): best first; without enough data last. */
function rankedPage(entries: Rated[], query: { q: string; kind: string; sort: DirectorySort }): string {
  const satisfaction = query.sort === 'SATISFACTION';
  const body = html`
<h1>公共法律服务机构名录</h1>
<p class="muted">共 ${entries.length} 个机构 · ${sortLinks(query)}</p>
<p class="muted">近${MEASURE_WINDOW_DAYS}天实测；样本少于${MIN_SAMPLE}件的机构显示“数据不足”。</p>
<table><thead><tr><th scope="col">名次</th><th scope="col">机构</th><th scope="col">${satisfaction ? '满意率' : '按时办结率'}</th><th scope="col">${satisfaction ? '评价件数' : '办结件数'}</th></tr></thead><tbody>
${entries.map((e, i) => {
  const rate = satisfaction ? e.rates?.satisfactionRate : e.rates?.onTimeRate;
  const sample = (satisfaction ? e.rates?.rated : e.rates?.resolved) ?? 0;
  return html`<tr><td>${rate === null || rate === undefined ? '—' : String(i + 1)}</td><td><a href="/public/${e.slug}">${e.name}</a></td><td>${rate === null || rate === undefined ? '数据不足' : `${rate}%`}</td><td>${String(sample)}</td></tr>`;
})}
</tbody></table>`;
  return page('机构名录', body);
}

/** One commitment's measured value, in words (Art. 16, 21). */
function measuredLabel(metric: CommitmentMetric, target: number, m: Measure): string {
  const basis = METRIC_MEASURES[metric];
  const unit = basis.basis === 'CASES' ? '件' : '次';
  if (!m.enoughData) return `近${MEASURE_WINDOW_DAYS}天数据不足（${m.sample}${unit}，少于${MIN_SAMPLE}${unit}）`;
  const within = basis.target === 'SECONDS' ? `${target}秒内` : basis.target === 'MINUTES' ? `${target}分钟内` : '';
  const what =
    metric === 'ON_TIME_RATE'
      ? '按时办结率'
      : metric === 'SATISFACTION_RATE'
        ? '满意率'
        : metric === 'HOTLINE_ANSWER_SECONDS'
          ? `${within}接听率`
          : metric === 'CHAT_ANSWER_SECONDS'
            ? `${within}应答率`
            : `${within}答复率`;
  const verdict = m.met === null ? '' : m.met ? '，达到承诺' : '，未达到承诺';
  return `近${MEASURE_WINDOW_DAYS}天实测${what} ${m.value}%（基于${m.sample}${unit}${verdict}）`;
}

function byKind(list: DirectoryEntry[]): [TenantKind, DirectoryEntry[]][] {
  return TENANT_KINDS.map((k) => [k, list.filter((t) => t.kind === k)] as [TenantKind, DirectoryEntry[]]).filter(([, l]) => l.length);
}

const slugId = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 8);

/** `/public/<slug>`: one tenant's disclosure (Art. 17). */
export function disclosurePage(d: Disclosure, m: DisclosureMeasures): string {
  const t = d.tenant;
  const info: [string, string | null][] = [
    ['机构类型', KIND_LABEL[t.kind]],
    ['上级机关', d.parent?.name ?? null],
    ['办公地址', t.address],
    ['服务电话', t.phone],
    ['办公时间', t.officeHours],
  ];
  const body = html`
<h1>${t.name}</h1>
${t.nameEn ? html`<p class="muted" lang="en">${t.nameEn}</p>` : ''}
<section aria-labelledby="basic"><h2 id="basic">基本信息</h2>
<dl>${info.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${t.introduction ? html`<p>${t.introduction}</p>` : ''}
</section>
${t.statutoryDuties ? html`<section aria-labelledby="duties"><h2 id="duties">法定职责</h2><p>${t.statutoryDuties}</p></section>` : ''}
<section aria-labelledby="commitments"><h2 id="commitments">服务承诺</h2>
${d.commitments.length ? html`<ul class="plain">${d.commitments.map((c) => {
  const measured = m.measured.get(c.id);
  return html`<li><strong>${c.title}</strong>：${c.body}${
    measured && c.metric && c.target !== null ? html`<br><span class="measure">${measuredLabel(c.metric, c.target, measured)}</span>` : ''
  }</li>`;
})}</ul>` : html`<p class="muted">暂无公开的服务承诺。</p>`}
</section>
<section aria-labelledby="results"><h2 id="results">办理结果公开</h2>
<p class="muted">${m.period.from} 至 ${m.period.to} 办结的事项（不含依法不予公开的事项）。</p>
${m.results.length ? html`<table><thead><tr><th scope="col">服务事项</th><th scope="col">办理结果</th><th scope="col">件数</th></tr></thead><tbody>${m.results.map(
  (r) => html`<tr><td>${r.serviceItemName ?? '咨询及其他'}</td><td>${OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome}</td><td>${String(r.cases)}</td></tr>`,
)}</tbody></table>` : html`<p class="muted">本期暂无办结事项。</p>`}
</section>
<section aria-labelledby="items"><h2 id="items">服务事项</h2>
${d.serviceItems.length ? d.serviceItems.map((i) => serviceItem(i.content, i.versionNo)) : html`<p class="muted">暂无公开的服务事项。</p>`}
</section>
${inquiryForm(t.slug)}`;
  return page(t.name, body);
}

function serviceItem(c: Disclosure['serviceItems'][number]['content'], versionNo: number): Raw {
  const id = `item-${slugId(c.code)}`;
  return html`<article class="card" aria-labelledby="${id}">
<h3 id="${id}">${c.name} <span class="muted">（${CATEGORY_LABEL[c.category]}，编号 ${c.code}，第 ${versionNo} 版）</span></h3>
<dl>
  <dt>设定依据</dt><dd>${c.legalBasis}</dd>
  ${c.conditions ? html`<dt>受理条件</dt><dd>${c.conditions}</dd>` : ''}
  <dt>法定时限</dt><dd>${limitLabel(c.statutoryLimit)}</dd>
  <dt>承诺时限</dt><dd>${limitLabel(c.committedLimit)}</dd>
  <dt>收费</dt><dd>${c.fee}</dd>
  <dt>受理渠道</dt><dd>${c.channels.map((ch) => CHANNEL_LABEL[ch]).join('、')}</dd>
  ${c.rightsAndObligations ? html`<dt>权利义务</dt><dd>${c.rightsAndObligations}</dd>` : ''}
  ${c.results ? html`<dt>办理结果</dt><dd>${c.results}</dd>` : ''}
</dl>
<h4>办理流程</h4>
<ol>${c.procedure.map((s) => html`<li><strong>${s.title}</strong>${s.description ? html`：${s.description}` : ''}</li>`)}</ol>
${c.materials.length ? html`<h4>申请材料</h4><table><thead><tr><th scope="col">材料</th><th scope="col">是否必需</th><th scope="col">说明</th></tr></thead><tbody>${c.materials.map(
  (m) => html`<tr><td>${m.name}</td><td>${m.required ? '必需' : '视情况'}</td><td>${m.note ?? ''}</td></tr>`,
)}</tbody></table>` : ''}
</article>`;
}

export function notFoundPage(): string {
  return page('未找到', html`<h1>未找到该机构</h1><p><a href="/public">返回机构名录</a></p>`);
}
