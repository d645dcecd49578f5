// One sweep: live progress and the best run so far, the configuration table (sortable), the
// parallel coordinates and the objective against each parameter, the best runs' curves, the spec.
import { api } from './api.js';
import { el, replace, notice, pretty, badge, int, time, ACTIVE, overridesText } from './dom.js';
import { formatMetric, metricLabel } from './metrics.js';
import { countsText, sweepProgress } from './sweeps.js';
import { configTable, sweepParams } from './sweep-table.js';
import { parallelCoordinates, objectiveCharts } from './sweep-plots.js';
import { bestRunsSection } from './sweep-best.js';

const REFRESH_MS = 2000;
const RETRY_MS = 5000;

// The table's order, kept while the page refreshes and across visits.
let sort = { key: 'rank', dir: 1 };

export function mountSweepView(root, id) {
  let alive = true, timer = null, sweep = null, plots = null, plotStamp = '';
  const head = el('div', { class: 'view-head' });
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const summary = el('dl', { class: 'summary' });
  const progressBox = el('div', { class: 'sweep-progress' });
  const tableBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const plotsBox = el('div', { class: 'sweep-plots' });
  const best = bestRunsSection();
  const specBox = el('pre', { class: 'spec', tabindex: '0', 'aria-label': 'The sweep\'s spec as JSON' });
  let laidOut = false;

  replace(root, el('p', { class: 'muted', text: `Loading sweep #${id}…` }));

  function layout() {
    laidOut = true;
    replace(root, head, messages,
      el('section', { class: 'card', 'aria-labelledby': 'progress-title' }, el('h2', { id: 'progress-title', text: 'Progress' }),
        progressBox, summary),
      el('section', { class: 'card', 'aria-labelledby': 'configs-title' },
        el('div', { class: 'section-head' }, el('h2', { id: 'configs-title', text: 'Configurations' }),
          el('span', { class: 'downloads' }, 'Download: ',
            el('a', { href: api.sweepCsvUrl(id), download: `sweep-${id}.csv`, text: 'CSV' }))),
        tableBox),
      el('section', { class: 'card', 'aria-labelledby': 'plots-title' },
        el('h2', { id: 'plots-title', text: 'Parameters against the objective' }), plotsBox),
      best.section,
      el('section', { class: 'card', 'aria-labelledby': 'sweep-spec-title' }, el('h2', { id: 'sweep-spec-title', text: 'Spec' }), specBox));
  }

  async function load() {
    clearTimeout(timer);
    try {
      const fresh = await api.sweep(id);
      if (!alive) return;
      sweep = fresh;
      if (!laidOut) layout();
      replace(messages);
      render();
      if (ACTIVE.has(sweep.status)) timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      if (!alive) return;
      if (e.status === 404) {
        replace(root, el('h1', { text: `Sweep #${id}` }), notice('error', `There is no sweep #${id} (it may have been deleted). `,
          el('a', { href: '#/sweeps', text: 'Back to the sweeps' })));
        return;
      }
      if (!laidOut) replace(root, el('h1', { text: `Sweep #${id}` }), messages);
      replace(messages, notice('error', `Could not load sweep #${id}: ${e.message}. Retrying…`));
      timer = setTimeout(load, RETRY_MS);
    }
  }

  function render() {
    document.title = `Sweep #${sweep.id} ${sweep.name ?? ''} · mlplab`;
    replace(head, el('h1', {}, el('span', { class: 'muted', text: `Sweep #${sweep.id} ` }), sweep.name ?? '(unnamed)', ' ', badge(sweep.status)),
      el('div', { class: 'actions' },
        el('a', { class: 'button', href: `#/runs?sweep=${sweep.id}`, text: 'Runs of this sweep' }),
        ACTIVE.has(sweep.status) ? el('button', { type: 'button', text: 'Cancel sweep', onclick: () => act('cancel') }) : null,
        el('button', { type: 'button', class: 'danger', text: 'Delete', disabled: sweep.status === 'running',
          title: sweep.status === 'running' ? 'A running sweep cannot be deleted: cancel it first' : null, onclick: () => act('delete') })));
    replace(progressBox, sweepProgress(sweep, 'Runs of the sweep done'));
    const metric = sweep.metric ?? 'objective';
    const b = sweep.best;
    replace(summary, [
      ['Runs', countsText(sweep)], ['Configurations', int((sweep.configurations ?? []).length)],
      ['Seeds', (sweep.spec?.seeds ?? []).join(', ') || '—'], ['Epochs trained', int(sweep.epochs_trained)],
      ['Objective', `${metricLabel(metric)} (${sweep.goal === 'min' ? 'lower' : 'higher'} is better)`],
      ['Early stopping', sweep.spec?.early_stopping ? `${sweep.spec.early_stopping.rule ?? '?'}` : 'none'],
      ['Best run', b?.run_id ? [el('a', { href: `#/runs/${b.run_id}`, text: `#${b.run_id}` }), ` ${formatMetric(metric, b.objective)}`] : '—'],
      ['Best overrides', b?.overrides ? el('code', { text: overridesText(b.overrides) }) : '—'],
      ['Created', time(sweep.created_at)],
    ].map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, v ?? '—'))));
    renderTable();
    renderPlots();
    best.update(sweep);
    specBox.textContent = pretty(sweep.spec ?? null);
  }

  function renderTable() {
    const focused = document.activeElement?.dataset?.sort;
    replace(tableBox, (sweep.configurations ?? []).length
      ? configTable(sweep, sort, (key) => {
        sort = sort.key === key ? { key, dir: -sort.dir } : { key, dir: key === 'rank' || key.startsWith('param:') ? 1 : -1 };
        renderTable();
      })
      : notice('empty', 'This sweep has no configurations.'));
    if (focused) tableBox.querySelector(`[data-sort="${CSS.escape(focused)}"]`)?.focus();
  }

  function renderPlots() {
    const configs = sweep.configurations ?? [];
    const stamp = JSON.stringify(configs.map((c) => [c.key, c.objective]));
    if (stamp === plotStamp) return;
    plotStamp = stamp;
    plots?.destroy();
    const params = sweepParams(configs);
    if (!configs.some((c) => typeof c.objective?.mean === 'number')) {
      plots = null;
      replace(plotsBox, notice('empty', 'The plots appear once a configuration has a result.'));
      return;
    }
    replace(plotsBox);
    plots = objectiveCharts(sweep, params);
    replace(plotsBox, parallelCoordinates(sweep, params, plotsBox.clientWidth || 800), plots.element);
  }

  async function act(what) {
    try {
      if (what === 'cancel') { await api.cancelSweep(id); load(); return; }
      if (!confirm(`Delete sweep #${id} "${sweep.name}" and its ${sweep.runs_total} runs? This cannot be undone.`)) return;
      await api.removeSweep(id);
      location.hash = '#/sweeps';
    } catch (e) {
      replace(messages, notice('error', `Could not ${what} sweep #${id}: ${e.message}`));
    }
  }

  load();
  return () => { alive = false; clearTimeout(timer); plots?.destroy(); best.destroy(); };
}
