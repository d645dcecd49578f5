// View 2b: any run's logged metrics by step, through MLflow's API: a chart of the chosen key,
// the latest value of every key, params and tags. The page of runs logged from outside (a
// script using `mlflow`); mlplab's own runs show their epoch columns here too.
import { api } from './api.js';
import { el, replace, notice, table, badge, time } from './dom.js';
import { chartBox, lineChart, themeColor } from './charts.js';

const REFRESH_MS = 3000;
const value = (x) => (typeof x === 'number' ? String(Number(x.toPrecision(6))) : String(x ?? '—'));

export function mountMetricsView(root, id) {
  let alive = true, timer = null, chart = null, key = null, keys = [];
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const head = el('div', { class: 'view-head' });
  const summary = el('dl', { class: 'summary' });
  const picker = el('select', { id: 'metric-key', onchange: () => { key = picker.value; drawChart(); } });
  const box = chartBox('Metric per step', 'The chosen metric per step; the table of latest values lists every key.');
  const latestBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const paramsBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const tagsBox = el('div', { class: 'table-wrap', tabindex: '0' });
  replace(root, el('p', { class: 'muted', text: `Loading run #${id}…` }));

  async function load() {
    clearTimeout(timer);
    let info, run;
    try {
      [info, run] = await Promise.all([api.run(id), api.mlflowRun(id)]);
    } catch (e) {
      if (!alive) return;
      replace(root, el('h1', { text: `Run #${id}` }), notice('error',
        e.status === 404 ? `There is no run #${id} (it may have been deleted). ` : `Could not load run #${id}: ${e.message}. `,
        el('a', { href: '#/', text: 'Back to the runs' })));
      return;
    }
    if (!alive) return;
    if (!root.contains(summary)) layout();
    render(info, run);
    await drawChart();
    if (alive && run.info.status === 'RUNNING') timer = setTimeout(load, REFRESH_MS);
  }

  function layout() {
    replace(root, head, messages,
      el('section', { class: 'card', 'aria-labelledby': 'sum-title' }, el('h2', { id: 'sum-title', text: 'Summary' }), summary),
      el('section', { class: 'card', 'aria-labelledby': 'metric-title' }, el('h2', { id: 'metric-title', text: 'Metrics by step' }),
        el('div', { class: 'field' }, el('label', { for: 'metric-key', text: 'Metric' }), picker), box.box),
      el('section', { class: 'card', 'aria-labelledby': 'latest-title' }, el('h2', { id: 'latest-title', text: 'Latest values' }), latestBox),
      el('div', { class: 'chart-grid' },
        el('section', { class: 'card', 'aria-labelledby': 'params-title' }, el('h2', { id: 'params-title', text: 'Params' }), paramsBox),
        el('section', { class: 'card', 'aria-labelledby': 'tags-title' }, el('h2', { id: 'tags-title', text: 'Tags' }), tagsBox)));
  }

  function render(info, run) {
    document.title = `#${id} ${info.name} · metrics · mlplab`;
    replace(head, el('h1', {}, `#${id} ${info.name} `, badge(info.status)),
      el('span', {}, info.source === 'mlplab' ? el('a', { class: 'button', href: `#/runs/${id}`, text: 'Run page' }) : null, ' ',
        el('a', { class: 'button', href: '#/', text: 'Back to the runs' })));
    const item = (t, d) => [el('dt', { text: t }), el('dd', {}, d)];
    replace(summary, item('Source', info.source === 'external' ? 'logged through MLflow' : 'trained by mlplab'),
      item('Experiment', run.info.experiment_id), item('User', run.info.user_id || '—'),
      item('Started', time(new Date(run.info.start_time).toISOString())),
      item('Ended', run.info.end_time ? time(new Date(run.info.end_time).toISOString()) : '—'));
    const metrics = (run.data.metrics ?? []).slice().sort((a, b) => a.key.localeCompare(b.key));
    const newKeys = metrics.map((m) => m.key);
    if (newKeys.join('\n') !== keys.join('\n')) {
      keys = newKeys;
      if (!keys.includes(key)) key = keys[0] ?? null;
      replace(picker, keys.map((k) => el('option', { value: k, text: k, selected: k === key })));
      picker.disabled = keys.length === 0;
    }
    replace(latestBox, metrics.length ? table([
      { head: 'Metric', cell: (m) => m.key }, { head: 'Value', class: 'num', cell: (m) => value(m.value) },
      { head: 'Step', class: 'num', cell: (m) => String(m.step ?? 0) },
    ], metrics, { caption: `${metrics.length} metric${metrics.length === 1 ? '' : 's'}, latest step of each` })
      : notice('empty', 'No metrics logged yet.'));
    const kv = (list, what) => (list?.length ? table([{ head: 'Key', cell: (p) => p.key }, { head: 'Value', cell: (p) => p.value }],
      list.slice().sort((a, b) => a.key.localeCompare(b.key)), { caption: `${list.length} ${what}` }) : notice('empty', `No ${what}.`));
    replace(paramsBox, kv(run.data.params, 'params'));
    replace(tagsBox, kv(run.data.tags, 'tags'));
  }

  async function drawChart() {
    if (!key) return;
    let points;
    try {
      points = (await api.metricHistory(id, key)).map((m) => ({ x: Number(m.step ?? 0), y: typeof m.value === 'number' ? m.value : null }));
    } catch (e) {
      if (alive) replace(messages, notice('error', `Could not load the history of ${key}: ${e.message}`));
      return;
    }
    if (!alive) return;
    chart?.destroy();
    const xs = points.map((p) => p.x);
    chart = lineChart(box.canvas, { xLabel: 'step', yLabel: key, xMin: xs.length ? Math.min(...xs) : 0,
      xMax: xs.length ? Math.max(...xs) : 1, series: [{ label: key, color: themeColor('--series-1'), points }] });
    chart?.update();
  }

  load();
  return () => { alive = false; clearTimeout(timer); chart?.destroy(); };
}
