// Charts as SVG rendered on the server: no chart library, no script, nothing to load, and
// the numbers are in the page (each bar has a <title>, and a table follows every chart).
// Colours are attributes, not inline styles (the CSP has no 'unsafe-inline').
import { html, join, type Html } from './html';

/** Distinguishable colours (Okabe-Ito, colour-blind safe), then greys. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255', '#117733', '#555555', '#999999'];
export const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#882255',
  high: '#D55E00',
  medium: '#E69F00',
  low: '#56B4E9',
  info: '#999999',
};

export interface Series {
  name: string;
  colour: string;
  /** One value per bucket. */
  values: number[];
}

const W = 960;
const H = 280;
const PAD = { l: 56, r: 12, t: 12, b: 40 };

/** The axis top: 1, 2, 4 or 5 times a power of ten, at or above `v` (ticks at quarters stay round). */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 4, 5, 10].map((m) => m * p).find((x) => x >= v) ?? 10 * p;
}

export function stackedBars(title: string, buckets: string[], series: Series[]): Html {
  const totals = buckets.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceCeil(Math.max(1, ...totals));
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const bw = buckets.length ? plotW / buckets.length : plotW;
  const y = (v: number) => PAD.t + plotH - (v / max) * plotH;
  const bars: Html[] = [];
  buckets.forEach((b, i) => {
    let acc = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const top = y(acc + v);
      bars.push(
        html`<rect x="${(PAD.l + i * bw + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${(y(acc) - top).toFixed(1)}" fill="${s.colour}"><title>${b} ${s.name}: ${v}</title></rect>`,
      );
      acc += v;
    }
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const every = Math.max(1, Math.ceil(buckets.length / 10));
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${title}</title>
${join(ticks.map((t) => html`<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#d0d4da"/><text x="${PAD.l - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#333">${t}</text>`))}
${join(bars)}
${join(buckets.map((b, i) => (i % every === 0 ? html`<text x="${(PAD.l + i * bw + bw / 2).toFixed(1)}" y="${H - PAD.b + 16}" text-anchor="middle" font-size="12" fill="#333">${b.slice(5)}</text>` : '')))}
</svg>
<ul class="legend">${join(series.map((s) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${s.colour}"/></svg> ${s.name}</li>`))}</ul>`;
}

/** A horizontal bar: compliant / not compliant / rest, with the share as text beside it. */
export function shareBar(compliant: number, nonCompliant: number, total: number): Html {
  const w = 160;
  const c = total ? (compliant / total) * w : 0;
  const n = total ? (nonCompliant / total) * w : 0;
  return html`<svg class="bar" width="${w}" height="12" viewBox="0 0 ${w} 12" aria-hidden="true"><rect width="${w}" height="12" fill="#e4e7eb"/><rect width="${c.toFixed(1)}" height="12" fill="#009E73"/><rect x="${c.toFixed(1)}" width="${n.toFixed(1)}" height="12" fill="#D55E00"/></svg>`;
}
