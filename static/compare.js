// View 3: test accuracy and test loss per epoch of the chosen runs, overlaid, and any logged
// metric by step (MLflow's API), which is what runs logged from outside have.
import { api } from './api.js';
import { el, replace, notice, table, badge, pct, auc, int, seconds, ACTIVE } from './dom.js';
import { chartBox, lineChart, epochPoints, color, dash } from './charts.js';
import { selection } from './runs.js';

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
  let alive = true, timer = null, accChart = null, lossChart = null, anyChart = null, anyKey = null, loaded = [];
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const tableBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const accBox = chartBox('Test accuracy per epoch', 'Test accuracy per epoch of each chosen run; the table above lists the final values.');
  const lossBox = chartBox('Test loss per epoch', 'Test loss per epoch of each chosen run.');
  const anyBox = chartBox('Any metric per step', 'The chosen metric per step of each chosen run that logged it.');
  const anyPicker = el('select', { id: 'compare-key', onchange: () => { anyKey = anyPicker.value; drawAny(); } });
  replace(root,
    el('div', { class: 'view-head' }, el('h1', { text: `Compare ${ids.length} run${ids.length === 1 ? '' : 's'}` }),
      el('a', { class: 'button', href: '#/', text: 'Back to the runs' })),
    messages,
    el('section', { class: 'card', 'aria-label': 'Chosen runs' }, tableBox),
    el('section', { class: 'card', 'aria-label': 'Curves' }, el('div', { class: 'chart-grid' }, accBox.box, lossBox.box)),
    el('section', { class: 'card', 'aria-label': 'Any metric' },
      el('div', { class: 'field' }, el('label', { for: 'compare-key', text: 'Metric' }), anyPicker), anyBox.box));

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

  function draw(list) {
    const series = list.map((r, i) => ({ label: `#${r.id} ${r.run.name ?? ''}`, color: color(i), dash: dash(i),
      points: null, acc: epochPoints(r.epochs, 'test_accuracy'), loss: epochPoints(r.epochs, 'test_loss') }));
    if (!accChart || accChart.chart.data.datasets.length !== series.length) {
      accChart?.destroy(); lossChart?.destroy();
      accChart = lineChart(accBox.canvas, { yLabel: 'test accuracy', yFormat: 'percent', series });
      lossChart = lineChart(lossBox.canvas, { yLabel: 'test loss', series });
    }
    series.forEach((s, i) => { accChart?.set(i, s.acc); lossChart?.set(i, s.loss); });
    accChart?.update(); lossChart?.update();

    const without = (id) => `#/compare?ids=${ids.filter((x) => x !== id).join(',')}`;
    replace(tableBox, list.length === 0 ? notice('empty', 'None of the chosen runs could be loaded.') : table([
      { head: 'Run', cell: (r) => [el('span', { class: 'swatch', style: `background:${color(list.indexOf(r))}`, 'aria-hidden': 'true' }),
        el('a', { href: r.run.source === 'external' ? `#/runs/${r.id}/metrics` : `#/runs/${r.id}`, text: `#${r.id} ${r.run.name ?? ''}` })] },
      { head: 'Model', cell: (r) => r.run.model_type ?? '—' },
      { head: 'Dataset', cell: (r) => r.run.dataset || '—' },
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

  load();
  return () => { alive = false; clearTimeout(timer); accChart?.destroy(); lossChart?.destroy(); anyChart?.destroy(); };
}
