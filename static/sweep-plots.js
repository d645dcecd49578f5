// A sweep's plots: parallel coordinates of the swept parameters and the objective (a small SVG,
// one line per configuration), and the objective against each numeric parameter (Chart.js).
// The configuration table holds the same numbers for screen readers and for copying.
import { el } from './dom.js';
import { chartBox, hasChart, applyTheme, themeColor, PALETTE } from './charts.js';
import { formatMetric, metricLabel, metricChart } from './metrics.js';
import { paramText } from './sweep-table.js';

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

/** An axis over values: {pos(v) -> 0..1 (0 at the bottom), ticks: [[value, label]]}. */
function axis(values, { numeric, log, format = paramText }) {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (!numeric) {
    const cats = [...new Set(present.map((v) => paramText(v)))].sort();
    const at = (v) => (cats.length < 2 ? 0.5 : cats.indexOf(paramText(v)) / (cats.length - 1));
    return { pos: at, ticks: cats.map((c, i) => [cats.length < 2 ? 0.5 : i / (cats.length - 1), c]) };
  }
  const f = log ? Math.log10 : (x) => x;
  const lo = Math.min(...present.map(f)), hi = Math.max(...present.map(f));
  const pos = (v) => (hi === lo ? 0.5 : (f(v) - lo) / (hi - lo));
  const uniq = [...new Set(present)].sort((a, b) => a - b);
  const ticks = (uniq.length <= 6 ? uniq : [uniq[0], uniq[uniq.length - 1]]).map((v) => [pos(v), format(v)]);
  return { pos, ticks };
}

/** The ticks at least 14 px apart (the ends first, then the rest bottom up), so no labels overlap. */
function spaced(ticks, y) {
  const sorted = ticks.slice().sort((a, b) => a[0] - b[0]);
  const kept = sorted.length > 1 ? [sorted[0], sorted[sorted.length - 1]] : sorted.slice();
  for (const t of sorted.slice(1, -1)) if (kept.every((k) => Math.abs(y(k[0]) - y(t[0])) >= 14)) kept.push(t);
  return kept;
}

/**
 * The parallel-coordinates figure. params: [{key, numeric, log}] (sweepParams); width in px.
 * The lines' colour runs from orange (worst objective) to blue (best); the best is drawn thickest.
 */
export function parallelCoordinates(sweep, params, width) {
  const configs = (sweep.configurations ?? []).filter((c) => typeof c.objective?.mean === 'number');
  const metric = sweep.metric ?? 'objective';
  const axes = [
    ...params.map((p) => ({ label: p.log ? `${p.key} (log)` : p.key, value: (c) => c.overrides?.[p.key], ...p })),
    { label: metricLabel(metric), value: (c) => c.objective?.mean, numeric: true, log: false, format: (v) => formatMetric(metric, v) },
  ];
  const W = Math.max(width, 140 * axes.length), H = 300, top = 44, bottom = 28, side = 70;
  const x = (i) => (axes.length < 2 ? W / 2 : side + (i * (W - 2 * side)) / (axes.length - 1));
  const y = (t) => top + (1 - t) * (H - top - bottom);
  const scales = axes.map((a) => axis(configs.map(a.value), a));
  const objective = scales[scales.length - 1];
  const better = (c) => { const t = objective.pos(c.objective.mean); return sweep.goal === 'min' ? 1 - t : t; };
  const desc = `Parallel coordinates: ${configs.length} configurations across ${axes.length - 1} swept parameters and the mean ${metricLabel(metric)}; blue lines are better, orange worse. The configuration table lists the same values.`;
  const lines = configs.map((c, i) => {
    const t = better(c), best = i === 0;
    const points = axes.map((a, k) => `${x(k).toFixed(1)},${y(scales[k].pos(a.value(c))).toFixed(1)}`).join(' ');
    return svg('polyline', { class: `pc-line${best ? ' pc-best' : ''}`, points, fill: 'none',
      stroke: `hsl(${Math.round(28 + t * 177)}, 80%, ${Math.round(48 - t * 8)}%)`, 'stroke-width': best ? 4 : 2, 'stroke-opacity': best ? 1 : 0.8 },
    svg('title', {}, `${params.map((p) => `${p.key} ${paramText(c.overrides?.[p.key])}`).join(', ')}: ${formatMetric(metric, c.objective.mean)}`));
  });
  lines.reverse();   // the best last, so on top
  const axisNodes = axes.map((a, k) => svg('g', { class: 'pc-axis' },
    svg('line', { x1: x(k), x2: x(k), y1: y(0), y2: y(1), stroke: 'currentColor', 'stroke-opacity': 0.5 }),
    svg('text', { x: x(k), y: 16, 'text-anchor': 'middle', class: 'pc-label' }, a.label),
    spaced(scales[k].ticks, y).map(([t, label]) => svg('text', { x: x(k) - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'pc-tick' }, label))));
  const figure = el('figure', { class: 'chart parcoords' },
    el('figcaption', { text: 'Parallel coordinates' }),
    el('div', { class: 'parcoords-scroll', tabindex: '0', role: 'group', 'aria-label': 'Parallel coordinates (scrolls sideways on narrow screens)' },
      svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': desc }, lines, axisNodes)));
  return figure;
}

/** The mean objective (and each configuration's min and max over seeds) against each numeric parameter.
 *  Returns {element, destroy}. */
export function objectiveCharts(sweep, params) {
  const metric = sweep.metric ?? 'objective';
  const numeric = params.filter((p) => p.numeric);
  const configs = (sweep.configurations ?? []).filter((c) => typeof c.objective?.mean === 'number');
  const charts = [];
  const boxes = numeric.map((p) => {
    const { box, canvas } = chartBox(`${metricLabel(metric)} against ${p.key}`,
      `Mean ${metricLabel(metric)} of each configuration against ${p.key}${p.log ? ' (log axis)' : ''}, with the min and max over seeds; the configuration table lists the values.`);
    box.dataset.param = p.key;
    if (hasChart()) charts.push(scatter(canvas, p, metric, configs));
    return box;
  });
  const element = numeric.length ? el('div', { class: 'chart-grid' }, boxes) : null;
  return { element, destroy: () => charts.forEach((c) => c.destroy()) };
}

function scatter(canvas, p, metric, configs) {
  applyTheme();
  const fmt = (v) => formatMetric(metric, v);
  const at = (key) => configs.map((c) => ({ x: c.overrides?.[p.key], y: c.objective[key] })).filter((d) => typeof d.x === 'number');
  const percent = metricChart(metric) === 'percent';
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [
      { label: 'mean over seeds', data: at('mean'), borderColor: PALETTE[0], backgroundColor: PALETTE[0], pointRadius: 5, pointStyle: 'circle' },
      { label: 'min and max over seeds', data: [...at('min'), ...at('max')], borderColor: themeColor('--muted'),
        backgroundColor: 'transparent', pointRadius: 7, borderWidth: 2, pointStyle: 'line' },
    ] },
    options: {
      responsive: true, maintainAspectRatio: false, normalized: true,
      scales: {
        x: { type: p.log ? 'logarithmic' : 'linear', title: { display: true, text: p.log ? `${p.key} (log)` : p.key },
          afterDataLimits: (s) => pad(s, p.log),
          ticks: { callback: (v) => (p.log && !Number.isInteger(Math.log10(v)) && !/^[125]/.test(String(v)) ? '' : String(Number(Number(v).toPrecision(4)))) } },
        y: { title: { display: true, text: metricLabel(metric) }, ticks: { callback: (v) => (percent ? `${(v * 100).toFixed(1)}%` : String(Number(v.toPrecision(4)))) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${p.key} ${paramText(c.parsed.x)}, ${fmt(c.parsed.y)}` } },
      },
    },
  });
}

/** Room around the outermost points, so none sits clipped on the chart's edge. */
function pad(scale, log) {
  if (log) { scale.min /= 1.6; scale.max *= 1.6; return; }
  const room = (scale.max - scale.min) * 0.06 || Math.abs(scale.max) * 0.1 || 1;
  scale.min -= room; scale.max += room;
}
