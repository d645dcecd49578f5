// View 3: the chosen runs side by side: a table, the fields where their specs differ, two
// overlaid per-epoch charts of any stored metric (test accuracy and test loss to begin with),
// and any metric logged by step through MLflow's API (what runs logged from outside have).
import { api } from './api.js';
import { el, replace, notice, table, badge, pct, auc, int, seconds, ACTIVE } from './dom.js';
import { chartBox, lineChart, epochPoints, color, dash } from './charts.js';
import { selection } from './runs.js';
import { metricsIn, metricLabel, metricChart } from './metrics.js';
import { specDiffTable } from './spec-diff.js';

// The metric on each of the two charts, kept across visits.
const shown = ['test_accuracy', 'test_loss'];

const REFRESH_MS = 3000;

export function mountCompare(root, ids) {
  ids = [...new Set(ids)];
  if (ids.length === 0) {
    const picked = [...selection.keys()];
    replace(root, el('h1', { text: 'Compare runs' }), notice('empty',
      'No runs chosen. Tick runs in the ', el('a', { href: '#/', text: 'runs table' }), ' and press “Compare”.',
      picked.length ? [' Or compare the ', el('a', { href: `#/compare?ids=${picked.join(',')}`, text: `${picked.length} runs ticked now` }), '.'] : null));
    return null;
  }
  let alive = true, timer = null, last = [], anyChart = null, anyKey = null, loaded = [];
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const tableBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const diffBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const panels = shown.map((_, k) => metricPanel(k));
  const anyBox = chartBox('Any metric per step', 'The chosen metric per step of each chosen run that logged it.');
  const anyPicker = el('select', { id: 'compare-key', onchange: () => { anyKey = anyPicker.value; drawAny(); } });
  replace(root,
    el('div', { class: 'view-head' }, el('h1', { text: `Compare ${ids.length} run${ids.length === 1 ? '' : 's'}` }),
      el('a', { class: 'button', href: '#/', text: 'Back to the runs' })),
    messages,
    el('section', { class: 'card', 'aria-label': 'Chosen runs' }, tableBox),
    el('section', { class: 'card', 'aria-labelledby': 'diff-title' }, el('h2', { id: 'diff-title', text: 'Spec differences' }), diffBox),
    el('section', { class: 'card', 'aria-label': 'Curves' }, el('div', { class: 'chart-grid' }, panels.map((p) => p.element))),
    el('section', { class: 'card', 'aria-label': 'Any metric' },
      el('div', { class: 'field' }, el('label', { for: 'compare-key', text: 'Metric' }), anyPicker), anyBox.box));

  /** Chart k: a metric picker above an overlay of that metric per epoch. */
  function metricPanel(k) {
    const id = `compare-metric-${k + 1}`;
    const select = el('select', { id, onchange: () => { shown[k] = select.value; panel.chart?.destroy(); panel.chart = null; draw(last); } });
    const holder = el('div');
    const panel = { k, select, holder, chart: null, element: el('div', { class: 'compare-panel' },
      el('div', { class: 'field' }, el('label', { for: id, text: `Chart ${k + 1}: metric` }), select), holder) };
    return panel;
  }

  function drawPanel(panel, series, list) {
    const key = shown[panel.k];
    const keys = metricsIn(list.flatMap((r) => r.epochs));
    if (!keys.includes(key)) keys.unshift(key);
    const options = keys.join(',');
    if (panel.select.dataset.options !== options) {
      panel.select.dataset.options = options;
      replace(panel.select, keys.map((m) => el('option', { value: m, text: metricLabel(m), selected: m === key })));
    }
    if (!panel.chart || panel.chart.chart.data.datasets.length !== series.length) {
      panel.chart?.destroy();
      const { box, canvas } = chartBox(`${metricLabel(key)[0].toUpperCase()}${metricLabel(key).slice(1)} per epoch`,
        `${metricLabel(key)} per epoch of each chosen run; the table above lists the final values.`);
      box.dataset.metric = key;
      replace(panel.holder, box);
      panel.chart = lineChart(canvas, { yLabel: metricLabel(key), yFormat: metricChart(key), series });
    }
    series.forEach((s, i) => panel.chart?.set(i, epochPoints(list[i].epochs, key)));
    panel.chart?.update();
  }

  async function load() {
    clearTimeout(timer);
    const results = await Promise.all(ids.map(async (id) => {
      try {
        const [run, ep, logged] = await Promise.all([api.run(id), api.epochs(id), api.mlflowRun(id)]);
        return { id, run, keys: (logged?.data?.metrics ?? []).map((m) => m.key),
          epochs: (ep?.epochs ?? []).slice().sort((a, b) => a.epoch - b.epoch) };
      } catch (e) {
        return { id, error: e };
      }
    }));
    if (!alive) return;
    const ok = results.filter((r) => r.run);
    const failed = results.filter((r) => r.error);
    replace(messages, failed.length ? notice('error', failed.map((f) =>
      `Run #${f.id}: ${f.error.status === 404 ? 'not found (deleted?)' : f.error.message}. `)) : null);
    last = ok;
    draw(ok);
    loaded = ok;
    const keys = [...new Set(ok.flatMap((r) => r.keys))].sort();
    if (keys.join('\n') !== [...anyPicker.options].map((o) => o.value).join('\n')) {
      if (!keys.includes(anyKey)) anyKey = keys.includes('test_accuracy') ? 'test_accuracy' : keys[0] ?? null;
      replace(anyPicker, keys.map((k) => el('option', { value: k, text: k, selected: k === anyKey })));
    }
    await drawAny();
    if (!alive) return;
    if (ok.some((r) => ACTIVE.has(r.run.status))) timer = setTimeout(load, REFRESH_MS);
  }

  /** The chosen key by step, from MLflow's metric history of each run that logged it. */
  async function drawAny() {
    if (!anyKey) return;
    const key = anyKey;
    const histories = await Promise.all(loaded.map((r) => (r.keys.includes(key) ? api.metricHistory(r.id, key).catch(() => []) : [])));
    if (!alive || key !== anyKey) return;
    const series = loaded.map((r, i) => ({ label: `#${r.id} ${r.run.name ?? ''}`, color: color(i), dash: dash(i),
      points: histories[i].map((m) => ({ x: Number(m.step ?? 0), y: typeof m.value === 'number' ? m.value : null })) }));
    const xs = series.flatMap((s) => s.points.map((p) => p.x));
    anyChart?.destroy();
    anyChart = lineChart(anyBox.canvas, { xLabel: 'step', yLabel: key, series,
      xMin: xs.length ? Math.min(...xs) : 0, xMax: xs.length ? Math.max(...xs) : 1 });
    anyChart?.update();
  }

  function draw(list) {
    const series = list.map((r, i) => ({ label: `#${r.id} ${r.run.name ?? ''}`, color: color(i), dash: dash(i) }));
    panels.forEach((p) => drawPanel(p, series, list));
    const swatch = (i) => el('span', { class: 'swatch', style: `background:${color(i)}`, 'aria-hidden': 'true' });
    replace(diffBox, specDiffTable(list, swatch));

    const without = (id) => `#/compare?ids=${ids.filter((x) => x !== id).join(',')}`;
    replace(tableBox, list.length === 0 ? notice('empty', 'None of the chosen runs could be loaded.') : table([
      { head: 'Run', cell: (r) => [el('span', { class: 'swatch', style: `background:${color(list.indexOf(r))}`, 'aria-hidden': 'true' }),
        el('a', { href: `#/runs/${r.id}`, text: `#${r.id} ${r.run.name ?? ''}` })] },
      { head: 'Model', cell: (r) => r.run.model_type ?? '—' },
      { head: 'Dataset', cell: (r) => r.run.dataset ?? '—' },
      { head: 'Status', cell: (r) => badge(r.run.status, r.run.cancel_requested) },
      { head: 'Epochs', class: 'num', cell: (r) => `${r.run.epochs_done ?? 0}/${r.run.epochs_total ?? '?'}` },
      { head: 'Test acc.', class: 'num', cell: (r) => pct(r.run.test_accuracy) },
      { head: 'Best acc.', class: 'num', cell: (r) => pct(r.run.best_test_accuracy) },
      { head: 'AUC macro', class: 'num', cell: (r) => auc(r.run.auc_macro) },
      { head: 'Parameters', class: 'num', cell: (r) => int(r.run.parameters) },
      { head: 'Training time', class: 'num', cell: (r) => seconds(r.run.train_seconds_total) },
      { head: el('span', { class: 'sr-only', text: 'Remove' }), cell: (r) => ids.length > 1
        ? el('a', { href: without(r.id), text: 'remove', 'aria-label': `Remove run ${r.id} from the comparison` }) : null },
    ], list, { caption: 'Chosen runs; the colours match the curves below' }));
  }

  load();
  return () => { alive = false; clearTimeout(timer); panels.forEach((p) => p.chart?.destroy()); anyChart?.destroy(); };
}
