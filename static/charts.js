// Charts (Chart.js v3, the global `Chart` from /vendor/chart.js/) and the confusion heat-map.
import { el, notice, auc as fmtAuc } from './dom.js';

// Okabe & Ito's palette (2008), chosen to stay apart under the common colour-vision deficiencies;
// past seven series the colours repeat with a dash, so colour is never the only cue.
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'];
const DASHES = [undefined, [8, 4], [2, 3]];
export const color = (i) => PALETTE[i % PALETTE.length];
export const dash = (i) => DASHES[Math.floor(i / PALETTE.length) % DASHES.length];

export const hasChart = () => typeof window.Chart === 'function';

/** A colour variable of style.css (light or dark, whichever the page shows now). */
export const themeColor = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#777777';

/** Chart.js's default text and grid colours from the page's theme (light or dark). */
export function applyTheme() {
  Chart.defaults.color = themeColor('--muted');
  Chart.defaults.borderColor = themeColor('--grid');
}

if (hasChart()) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // No animation for readers who ask for reduced motion (and for the screenshots of the browser tests).
  Chart.defaults.animation.duration = matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 250;
  applyTheme();
}

/** A box holding a canvas for a chart, described for screen readers. */
export function chartBox(title, description) {
  const canvas = el('canvas', { role: 'img', 'aria-label': description || title });
  const box = el('figure', { class: 'chart' }, el('figcaption', { text: title }), el('div', { class: 'chart-canvas' }, canvas));
  if (!hasChart()) {
    box.querySelector('.chart-canvas').replaceChildren(notice('error',
      'Charts unavailable: /vendor/chart.js/chart.min.js did not load (install libjs-chart.js on the server).'));
  }
  return { box, canvas };
}

const numberTick = (v) => String(Number(v.toPrecision(6)));   // 2.3, not 2.3000000000000003
const percentTick = (v) => `${(v * 100).toFixed(v >= 0.999 || v === 0 ? 0 : 1)}%`;

/**
 * A line chart over epochs (or any numeric x). series: [{label, color, dash}];
 * yFormat: 'percent' or 'number'. Returns {chart, set(i, points)} or null without Chart.js.
 */
export function lineChart(canvas, { series, xLabel = 'epoch', yLabel, yFormat = 'number', xInteger = true, xMin = 1, xMax }) {
  if (!hasChart()) return null;
  applyTheme();
  const fmt = yFormat === 'percent' ? (v) => `${(v * 100).toFixed(2)}%` : (v) => v.toFixed(4);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: series.map((s) => ({
      label: s.label, data: s.points ?? [], borderColor: s.color, backgroundColor: s.color,
      borderDash: s.dash, borderWidth: 2, pointRadius: 3, tension: 0, spanGaps: true, clip: 6,
    })) },
    options: {
      responsive: true, maintainAspectRatio: false, normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: xMin, suggestedMax: xMax ?? xMin + 1, title: { display: true, text: xLabel },
          ticks: { precision: 0, callback: xInteger ? (v) => (Number.isInteger(v) ? v : '') : undefined } },
        y: { title: { display: !!yLabel, text: yLabel }, ticks: { callback: yFormat === 'percent' ? percentTick : numberTick } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 7 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(c.parsed.y)}` } },
      },
    },
  });
  return {
    chart,
    set(i, points) { chart.data.datasets[i].data = points; },
    update() { chart.update(); },
    destroy() { chart.destroy(); },
  };
}

/** Points {x: epoch, y: row[key]} of epoch rows, skipping nulls. */
export const epochPoints = (rows, key) => rows.filter((r) => typeof r[key] === 'number').map((r) => ({ x: r.epoch, y: r[key] }));

/** The ROC chart of a /roc answer; logX plots the false-positive rate on a log axis. */
export function rocChart(canvas, roc, { logX = false } = {}) {
  if (!hasChart()) return null;
  applyTheme();
  const curves = roc.curves ?? [];
  const label = (c) => `${/^\d+$/.test(c.curve) ? `class ${c.curve}` : c.curve} · AUC ${fmtAuc(c.auc)}`;
  const datasets = curves.map((c, i) => {
    const style = curveStyle(c.curve, i);
    return {
      label: label(c), data: (c.fpr ?? []).map((x, j) => ({ x, y: c.tpr[j] })),
      borderColor: style.color, backgroundColor: style.color, borderWidth: style.width,
      borderDash: style.dash, pointRadius: 0, showLine: true, stepped: false, tension: 0,
    };
  });
  datasets.push({ label: 'chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: themeColor('--muted'), borderDash: [3, 3],
    borderWidth: 1, pointRadius: 0, showLine: true });
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, normalized: true,
      scales: { x: xScale(logX), y: { min: 0, max: 1, title: { display: true, text: 'true-positive rate' } } },
      plugins: {
        legend: { display: false },   // the checkboxes under the chart are the legend (evaluation.js)
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: FPR ${c.parsed.x.toPrecision(3)}, TPR ${c.parsed.y.toFixed(4)}` } },
      },
    },
  });
  return {
    chart,
    setLog(on) { chart.options.scales.x = xScale(on); chart.update(); },
    /** Shows or hides curve i (the order of roc.curves). */
    setVisible(i, on) { chart.setDatasetVisibility(i, on); chart.update(); },
    destroy() { chart.destroy(); },
  };
}

/** The ten classes in the palette (solid, then dashed); micro and macro thick in the text colour. */
export function curveStyle(curve, i) {
  if (curve === 'micro') return { color: themeColor('--fg'), dash: [2, 3], width: 3 };
  if (curve === 'macro') return { color: themeColor('--muted'), dash: [7, 4], width: 3 };
  const k = /^\d+$/.test(curve) ? Number(curve) : i;
  return { color: color(k), dash: dash(k), width: 2 };
}

function xScale(log) {
  return log
    ? { type: 'logarithmic', min: 1e-4, max: 1, title: { display: true, text: 'false-positive rate (log)' },
      ticks: { autoSkip: false, maxRotation: 0, callback: (v) => (Number.isInteger(Math.log10(v)) ? String(v) : '') } }
    : { type: 'linear', min: 0, max: 1, title: { display: true, text: 'false-positive rate' } };
}

/** Black or white, whichever contrasts more with hsl(h, s, l) (WCAG relative luminance); one of the
 *  two always reaches 4.5:1, which #111111 would not around hsl(212, 70%, 50%). */
function textOn(h, s, l) {
  const f = (n) => {
    const k = (n + h / 30) % 12, a = s * Math.min(l, 1 - l);
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * f(0) + 0.7152 * f(8) + 0.0722 * f(4);
  return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? '#000000' : '#ffffff';
}

/** The confusion matrix as a heat-map table: the diagonal in blue by recall, errors in red by count.
 *  With `onCell(truth, predicted)`, each nonzero error cell is a link that calls it (the gallery). */
export function confusionTable(conf, { onCell } = {}) {
  const labels = conf.labels ?? [];
  const m = conf.matrix ?? [];
  let maxOff = 0;
  m.forEach((row, i) => row.forEach((v, j) => { if (i !== j) maxOff = Math.max(maxOff, v); }));
  const cell = (v, i, j, rowSum) => {
    const share = rowSum ? v / rowSum : 0;
    let bg = 'var(--card)', fg = 'var(--fg)';   // an empty cell takes the page's colours (light or dark)
    if (i === j) {
      const light = 96 - share * 66; // 96% (none right) .. 30% (all right)
      bg = `hsl(212, 70%, ${light}%)`; fg = textOn(212, 0.7, light / 100);
    } else if (v > 0 && maxOff > 0) {
      const light = 97 - (v / maxOff) * 36;
      bg = `hsl(4, 80%, ${light}%)`; fg = textOn(4, 0.8, light / 100);
    }
    const title = `true ${labels[i]}, predicted ${labels[j]}: ${v} (${(share * 100).toFixed(1)}% of row)`;
    const text = onCell && i !== j && v > 0
      ? el('a', { href: '#gallery', class: 'cell-link', style: `color:${fg}`, dataset: { truth: String(labels[i]), predicted: String(labels[j]) },
        title: `${title}: show these images`, onclick: (e) => { e.preventDefault(); onCell(labels[i], labels[j]); } }, String(v))
      : String(v);
    return el('td', { class: i === j ? 'diag' : '', style: `background:${bg};color:${fg}`, title }, text);
  };
  return el('table', { class: 'confusion' },
    el('caption', { text: `Confusion matrix, epoch ${conf.epoch}: rows are the true class, columns the predicted class` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'corner', text: 'true ↓ / predicted →' }),
      labels.map((l) => el('th', { scope: 'col', text: String(l) })), el('th', { scope: 'col', text: 'recall' }))),
    el('tbody', {}, m.map((row, i) => {
      const rowSum = row.reduce((a, b) => a + b, 0);
      return el('tr', {}, el('th', { scope: 'row', text: String(labels[i]) }),
        row.map((v, j) => cell(v, i, j, rowSum)),
        el('td', { class: 'num recall', text: rowSum ? `${((row[i] / rowSum) * 100).toFixed(2)}%` : '—' }));
    })));
}
