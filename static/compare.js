// View 3: test accuracy and test loss per epoch of the chosen runs, overlaid.
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
  let alive = true, timer = null, accChart = null, lossChart = null;
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const tableBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const accBox = chartBox('Test accuracy per epoch', 'Test accuracy per epoch of each chosen run; the table above lists the final values.');
  const lossBox = chartBox('Test loss per epoch', 'Test loss per epoch of each chosen run.');
  replace(root,
    el('div', { class: 'view-head' }, el('h1', { text: `Compare ${ids.length} run${ids.length === 1 ? '' : 's'}` }),
      el('a', { class: 'button', href: '#/', text: 'Back to the runs' })),
    messages,
    el('section', { class: 'card', 'aria-label': 'Chosen runs' }, tableBox),
    el('section', { class: 'card', 'aria-label': 'Curves' }, el('div', { class: 'chart-grid' }, accBox.box, lossBox.box)));

  async function load() {
    clearTimeout(timer);
    const results = await Promise.all(ids.map(async (id) => {
      try {
        const [run, ep] = await Promise.all([api.run(id), api.epochs(id)]);
        return { id, run, epochs: (ep?.epochs ?? []).slice().sort((a, b) => a.epoch - b.epoch) };
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
  return () => { alive = false; clearTimeout(timer); accChart?.destroy(); lossChart?.destroy(); };
}
