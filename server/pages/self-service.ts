import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { RATING_SCALE, RATINGS } from '../domain/cases/vocabulary.js';
import { DomainError } from '../domain/shared/errors.js';
import type { CaseState } from '../domain/cases/states.js';
import { runAs } from '../usecases/context.js';
import { rateCase, submitInquiry, trackCase, type PublicCaseView } from '../usecases/cases/public-self-service.js';
import { html, page, type Raw } from './html.js';

/**
 * The public self-service pages (Art. 6, 12, 16) for people without an app: leave a message to an
 * organisation, follow it with the tracking code and secret, rate it once it is resolved. Plain
 * HTML forms (no script), the same use cases as the GraphQL API, never cached, and the secret only
 * ever travels in a POST body.
 */

export const STATUS_LABEL: Record<CaseState, string> = {
  OPEN: '已受理，等待处理',
  IN_PROGRESS: '办理中',
  AWAITING_MATERIALS: '等待补充材料',
  TRANSFER_PENDING: '转办中',
  RESOLVED: '已办结',
  CLOSED: '已结案',
  REJECTED: '不予受理',
};

const FIELD_LABEL: Record<string, string> = {
  subject: '标题',
  description: '留言内容',
  name: '姓名',
  phone: '手机号码',
  otherContact: '其他联系方式',
  code: '查询码',
  secret: '密码',
  level: '评价',
  comment: '评价意见',
  tenantSlug: '机构',
};

/** The public reads Chinese: the API's field messages, as they most often come, in zh-CN. */
export function zhMessage(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^is required$/, () => '必填'],
    [/^must be at most (\d+) characters$/, (m) => `不能超过${m[1]}个字`],
    [/^is not a mainland mobile number$/, () => '不是有效的手机号码'],
    [/^contains the forbidden phrases? (.+)$/, (m) => `含有不文明或不规范用语 ${m[1]}，请修改`],
    [/^is not an organisation taking messages$/, () => '该机构不接受网上留言'],
    [/^must be one of /, () => '请选择一项'],
  ];
  for (const [re, zh] of rules) {
    const m = re.exec(message);
    if (m) return zh(m);
  }
  return message;
}

const NO_STORE = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

const respond = (status: number, body: string) => new Response(body, { status, headers: NO_STORE });

const when = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const FORM_FIELDS = ['subject', 'description', 'name', 'phone'];

/** The message form, on each organisation's page and after a refused submission. */
export function inquiryForm(slug: string, values: Record<string, string> = {}, problems: Record<string, string> = {}): Raw {
  const field = (key: string, label: string, input: Raw) =>
    html`<p><label for="f-${key}">${label}</label>${input}${problems[key] ? html`<br><strong role="alert">${FIELD_LABEL[key] ?? key}：${zhMessage(problems[key])}</strong>` : ''}</p>`;
  return html`<section aria-labelledby="inquiry"><h2 id="inquiry">在线留言</h2>
<p class="muted">留言将转为本机构的网上留言事项，工作人员按承诺时限答复。提交后请保存查询码和密码，用于查询进度和评价。</p>
${Object.entries(problems)
  .filter(([k]) => !FORM_FIELDS.includes(k))
  .map(([k, v]) => html`<p role="alert"><strong>${FIELD_LABEL[k] ?? k}：${zhMessage(v)}</strong></p>`)}
<form method="post" action="/public/${slug}/inquiry">
${field('subject', '标题（必填）', html`<input id="f-subject" name="subject" required maxlength="200" value="${values.subject ?? ''}">`)}
${field('description', '留言内容（必填）', html`<textarea id="f-description" name="description" required maxlength="5000" rows="6" style="width:100%">${values.description ?? ''}</textarea>`)}
${field('name', '姓名（可不填）', html`<input id="f-name" name="name" maxlength="100" value="${values.name ?? ''}">`)}
${field('phone', '手机号码（可不填，用于回复）', html`<input id="f-phone" name="phone" inputmode="tel" maxlength="30" value="${values.phone ?? ''}">`)}
<p><button type="submit">提交留言</button></p>
</form>
<p><a href="/public/track">查询留言进度</a></p>
</section>`;
}

function trackForm(problem?: string): Raw {
  return html`<h1>查询留言进度</h1>
${problem ? html`<p role="alert"><strong>${problem}</strong></p>` : ''}
<form method="post" action="/public/track">
<p><label for="t-code">查询码</label><input id="t-code" name="code" required maxlength="20" autocomplete="off"></p>
<p><label for="t-secret">密码</label><input id="t-secret" name="secret" type="password" required maxlength="100" autocomplete="off"></p>
<p><button type="submit">查询</button></p>
</form>`;
}

function caseView(v: PublicCaseView, secret: string, notice?: string): Raw {
  const hidden = html`<input type="hidden" name="code" value="${v.trackingCode}"><input type="hidden" name="secret" value="${secret}">`;
  return html`<h1>${v.subject}</h1>
${notice ? html`<p role="status"><strong>${notice}</strong></p>` : ''}
<dl>
<dt>事项编号</dt><dd>${v.number}</dd>
<dt>状态</dt><dd>${STATUS_LABEL[v.status]}</dd>
<dt>受理时间</dt><dd>${when(v.receivedAt)}</dd>
${v.dueAt ? html`<dt>承诺答复期限</dt><dd>${when(v.dueAt)}</dd>` : ''}
</dl>
${v.materialsRequested.length ? html`<h2>需要补充的材料</h2>${v.materialsRequested.map((m) => html`<ul>${m.items.map((i) => html`<li>${i.note}</li>`)}</ul><p class="muted">${when(m.at)} 一次性告知</p>`)}` : ''}
<h2>答复</h2>
${v.replies.length ? html`<ul class="plain">${v.replies.map((r) => html`<li><span class="muted">${when(r.at)}</span><br>${r.text}</li>`)}</ul>` : html`<p class="muted">暂无答复。</p>`}
${v.resolution ? html`<h2>办理结果</h2><p>${v.resolution.summary}</p>
${v.resolution.legalBasis ? html`<p><strong>法律依据：</strong>${v.resolution.legalBasis}</p>` : ''}
${v.resolution.riskNotice ? html`<p><strong>风险提示：</strong>${v.resolution.riskNotice}</p>` : ''}
${v.resolution.referredTo ? html`<p><strong>请前往：</strong>${v.resolution.referredTo}</p>` : ''}` : ''}
${v.rejectionReasons ? html`<h2>不予受理的理由</h2><ul>${v.rejectionReasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
${v.rating ? html`<h2>您的评价</h2><p>${RATING_SCALE[v.rating.level].label}${v.rating.comment ? html`：${v.rating.comment}` : ''}</p>` : ''}
${v.canRate ? html`<h2>评价本次服务</h2>
<form method="post" action="/public/track/rate">${hidden}
<fieldset><legend>满意程度</legend>${RATINGS.map((r, i) => html`<label><input type="radio" name="level" value="${r}"${i === 0 ? html` required` : ''}> ${RATING_SCALE[r].label}</label>`)}</fieldset>
<p><label for="r-comment">意见（可不填）</label><textarea id="r-comment" name="comment" maxlength="1000" rows="3" style="width:100%"></textarea></p>
<p><button type="submit">提交评价</button></p>
</form>` : ''}`;
}

const problemText = (err: DomainError) =>
  err.fields ? Object.entries(err.fields).map(([k, v]) => `${FIELD_LABEL[k] ?? k}：${zhMessage(v)}`).join('；') : err.message;

/**
 * POST /public/<slug>/inquiry, GET/POST /public/track, POST /public/track/rate. Null for any other
 * path (the disclosure pages handle it).
 */
export async function selfServicePages(request: Request, database: Database, config: Config, clientKey: string): Promise<Response | null> {
  const path = new URL(request.url).pathname.replace(/\/$/, '');
  const inquiry = /^\/public\/([a-z0-9-]{1,63})\/inquiry$/.exec(path);
  const isTrack = path === '/public/track';
  const isRate = path === '/public/track/rate';
  if (!inquiry && !isTrack && !isRate) return null;
  if (isTrack && (request.method === 'GET' || request.method === 'HEAD')) return respond(200, page('查询留言进度', trackForm()));
  if (request.method !== 'POST') return new Response('method not allowed', { status: 405, headers: { allow: isTrack ? 'GET, POST' : 'POST' } });

  const form = await readForm(request);
  const run = <T>(fn: Parameters<typeof runAs<T>>[3]) => runAs(database, config, null, fn, new Date(), { clientKey });
  try {
    if (inquiry) {
      const slug = inquiry[1]!;
      try {
        const receipt = await run((ctx) =>
          submitInquiry(ctx, { tenantSlug: slug, subject: form.subject ?? '', description: form.description ?? '', name: form.name, phone: form.phone }),
        );
        return respond(
          201,
          page(
            '留言已提交',
            html`<h1>留言已提交</h1>
<p>请保存以下查询码和密码，用于查询进度和评价。<strong>密码只显示这一次。</strong></p>
<dl><dt>查询码</dt><dd><strong>${receipt.trackingCode}</strong></dd><dt>密码</dt><dd><strong>${receipt.secret}</strong></dd>
<dt>事项编号</dt><dd>${receipt.loaded.projection.number}</dd><dt>承诺答复期限</dt><dd>${when(receipt.loaded.projection.clocks.committed.dueAt)}</dd></dl>
<p><a href="/public/track">查询留言进度</a> · <a href="/public/${slug}">返回机构页面</a></p>`,
          ),
        );
      } catch (err) {
        if (err instanceof DomainError && err.code === 'BAD_USER_INPUT') {
          return respond(400, page('留言未提交', html`<h1>留言未提交</h1><p>请修改后重新提交。</p>${inquiryForm(slug, form, err.fields ?? {})}`));
        }
        throw err;
      }
    }
    const code = form.code ?? '';
    const secret = form.secret ?? '';
    if (isTrack) {
      const view = await run((ctx) => trackCase(ctx, { code, secret }));
      return respond(200, page('留言进度', caseView(view, secret)));
    }
    const view = await run((ctx) => rateCase(ctx, { code, secret, level: form.level as never, comment: form.comment }));
    return respond(200, page('留言进度', caseView(view, secret, '感谢您的评价。')));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'RATE_LIMITED') return respond(429, page('请稍后再试', html`<h1>请稍后再试</h1><p>操作过于频繁，请一小时后再试，或拨打12348热线。</p>`));
    if (err.code === 'CONFLICT' && isRate) {
      return respond(409, page('未能评价', html`<h1>未能评价</h1><p>本事项已评价或尚未办结，每件事项办结后可评价一次。</p><p><a href="/public/track">返回查询</a></p>`));
    }
    if (err.code === 'NOT_FOUND') return respond(404, page('查询留言进度', trackForm('查询码或密码不正确。')));
    return respond(err.code === 'CONFLICT' ? 409 : 400, page('未能完成', html`<h1>未能完成</h1><p>${problemText(err)}</p><p><a href="/public/track">返回查询</a></p>`));
  }
}

/** The form fields of a urlencoded POST body (the server already capped its size). */
async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const params = new URLSearchParams(await request.text());
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}
