/** Minimal, safe HTML building: every interpolated value is escaped unless wrapped by `raw`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Value = string | number | null | undefined | false | Raw | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  return escape(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Raw(out);
}

const STYLE = `
:root{--fg:#1a1a1a;--muted:#555;--line:#d0d4da;--accent:#0b4f8a;--bg:#fff;--soft:#f3f6f9}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:58rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid var(--accent)}header a{color:var(--accent);text-decoration:none;font-weight:600}
h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0}h2{font-size:1.25rem;margin:1.6rem 0 .6rem;border-left:4px solid var(--accent);padding-left:.5rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a500;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0}
.card{border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:.8rem 0;background:var(--soft)}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0}label{display:block;font-size:.9rem;color:var(--muted)}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #8a929c;border-radius:4px}button{background:var(--accent);color:#fff;border-color:var(--accent)}
.muted{color:var(--muted);font-size:.9rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid var(--line);padding:.35rem .4rem;vertical-align:top}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
`;

export function page(title: string, body: Raw): string {
  return `<!doctype html>${render(html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 天平 公共法律服务</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><a href="/public">天平 · 重庆公共法律服务信息公开</a></header>
<main id="main">${body}</main>
<footer>依据《公共法律服务工作规范》第十七条公开。本页不含任何个人信息。 Public disclosure under Art. 17.</footer>
</body>
</html>`)}`;
}
