// The best runs of a sweep overlaid: the runs of its best configurations (at most six), their
// objective metric per epoch, with a link to compare them in full.
import { api } from './api.js';
import { el, replace, notice, overridesText } from './dom.js';
import { chartBox, lineChart, epochPoints, color, dash } from './charts.js';
import { metricLabel, metricChart } from './metrics.js';

const MAX_RUNS = 6;

/** The ids of the best configurations' runs, best configuration first, at most MAX_RUNS. */
export function bestRunIds(sweep) {
  const ids = [];
  for (const c of sweep.configurations ?? []) {
    if (typeof c.objective?.mean !== 'number') continue;
    for (const id of c.run_ids ?? []) if (ids.length < MAX_RUNS) ids.push(id);
  }
  return ids;
}

/** The card. update(sweep) redraws when the runs or their epochs changed. Returns {section, update, destroy}. */
export function bestRunsSection() {
  let chart = null, drawn = '', seq = 0;
  const metricName = el('span');
  const { box, canvas } = chartBox('Best runs per epoch', 'The objective per epoch of the best configurations\' runs; the configuration table lists the final values.');
  box.classList.add('best-chart');   // taller: its legend has a line per run
  const links = el('p', { class: 'best-links' });
  const messages = el('div', { 'aria-live': 'polite' });
  const section = el('section', { class: 'card', 'aria-labelledby': 'best-title' },
    el('h2', { id: 'best-title' }, 'Best runs: ', metricName, ' per epoch'), messages, links, box);

  async function update(sweep) {
    const ids = bestRunIds(sweep);
    const stamp = `${ids.join(',')}:${sweep.epochs_trained}:${sweep.status}`;
    if (stamp === drawn) return;
    drawn = stamp;
    const mine = ++seq;
    const metric = sweep.metric ?? 'test_accuracy';
    metricName.textContent = metricLabel(metric);
    if (ids.length === 0) {
      replace(messages, notice('empty', 'No configuration has a result yet.'));
      return;
    }
    let runs;
    try {
      runs = await Promise.all(ids.map(async (id) => {
        const [run, ep] = await Promise.all([api.run(id), api.epochs(id)]);
        return { id, run, epochs: (ep?.epochs ?? []).slice().sort((a, b) => a.epoch - b.epoch) };
      }));
    } catch (e) {
      if (mine === seq) { replace(messages, notice('error', `Could not load the best runs: ${e.message}`)); drawn = ''; }
      return;
    }
    if (mine !== seq) return;
    replace(messages);
    // Short labels (the last part of each path) keep the legend on a phone's width.
    const short = (o) => overridesText(Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k.split('.').pop(), v])));
    const series = runs.map((r, i) => ({ label: `#${r.id} ${short(r.run.overrides)}`, color: color(i), dash: dash(i),
      points: epochPoints(r.epochs, metric) }));
    chart?.destroy();
    const xMax = Math.max(1, ...runs.map((r) => r.run.epochs_total ?? 1));
    chart = lineChart(canvas, { series, yLabel: metricLabel(metric), yFormat: metricChart(metric), xMax });
    replace(links, 'Runs ', runs.map((r, i) => [i ? ', ' : null, el('a', { href: `#/runs/${r.id}`, text: `#${r.id}` })]), ' · ',
      el('a', { href: `#/compare?ids=${ids.join(',')}`, text: 'Compare these runs' }));
  }

  return { section, update, destroy: () => chart?.destroy() };
}
