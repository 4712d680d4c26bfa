// The dashboard's only static files, kept in the code so that they ship inside the package
// and the single executable (no files to find at run time, nothing from a CDN). Served
// from /assets/ with a content hash in the URL and a long cache lifetime.
import * as crypto from 'node:crypto';

export const CSS = `:root{--fg:#1b1f24;--muted:#4a5360;--bg:#fff;--line:#d0d4da;--accent:#0b5cad;--bad:#a3360a;--good:#0a6b4c;--warn:#7a5200}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header{display:flex;align-items:center;gap:24px;padding:8px 24px;border-bottom:1px solid var(--line);background:#f6f8fa;flex-wrap:wrap}
header .brand{font-weight:700}
nav ul{display:flex;gap:16px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
nav a[aria-current=page]{font-weight:700;text-decoration:none;color:var(--fg);border-bottom:3px solid var(--accent)}
header form{margin-left:auto}
main{padding:16px 24px;max-width:1400px}
h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:0 0 1rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px}
.cards .n{display:block;font-size:1.6rem;font-weight:700}
.cards a{text-decoration:none;color:inherit}.cards a:hover .n{text-decoration:underline}
form.filters{display:flex;gap:12px;align-items:flex-end;flex-wrap:wrap;margin:0 0 12px}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;padding:4px 8px;border:1px solid #8a939e;border-radius:4px;background:#fff;color:var(--fg)}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
button.link{background:none;color:var(--accent);border:none;padding:0;text-decoration:underline}
table{border-collapse:collapse;width:100%;margin:0 0 8px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th a{color:var(--fg)}
.tablebar{display:flex;gap:16px;align-items:center;flex-wrap:wrap;color:var(--muted);margin:4px 0 16px}
.pager{display:flex;gap:12px}
.bad{color:var(--bad);font-weight:600}.good{color:var(--good);font-weight:600}.unknown{color:var(--warn)}
.chart{width:100%;height:auto;max-height:320px;border:1px solid var(--line);border-radius:6px}
.legend{display:flex;gap:16px;flex-wrap:wrap;list-style:none;padding:0;margin:6px 0 12px}
.error{border:1px solid var(--bad);color:var(--bad);padding:8px 12px;border-radius:6px}
.signin{max-width:420px;margin:10vh auto;padding:24px;border:1px solid var(--line);border-radius:8px}
.signin label{display:block;margin:12px 0 4px}.signin input{width:100%}.signin button{margin-top:16px}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
code,pre{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:240px}
`;

// Progressive enhancement only: every page works without it (filters have a submit button).
export const JS = `'use strict';
document.addEventListener('change', function (e) {
  var t = e.target;
  if (t && t.tagName === 'SELECT' && t.form && t.form.hasAttribute('data-auto')) t.form.requestSubmit();
});
`;

const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 12);

export const ASSETS: Record<string, { body: string; type: string }> = {
  [`/assets/dashboard-${hash(CSS)}.css`]: { body: CSS, type: 'text/css; charset=utf-8' },
  [`/assets/dashboard-${hash(JS)}.js`]: { body: JS, type: 'text/javascript; charset=utf-8' },
};
const paths = Object.keys(ASSETS);
export const CSS_PATH = paths[0] ?? '';
export const JS_PATH = paths[1] ?? '';
