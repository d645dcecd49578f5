// View 2: one run. Summary, live progress and curves (from the events stream), epochs,
// evaluation (ROC, confusion), layers and spec.
import { api } from './api.js';
import { el, replace, notice, table, pretty, badge, progressBar, pct, auc, loss, int, seconds, time, elapsed, FINAL, ACTIVE, overridesText } from './dom.js';
import { chartBox, lineChart, epochPoints, themeColor, PALETTE } from './charts.js';
import { formatMetric } from './metrics.js';
import { evaluationSection } from './evaluation.js';
import { gallerySection } from './gallery.js';
import { drawSection } from './draw.js';
import { checkpointsLine } from './checkpoints.js';
import { augmentedStrip } from './augmented-strip.js';

export function mountRunView(root, id) {
  let alive = true, run = null, source = null, lossChart = null, accChart = null, lrChart = null, lrBox = null, evaluation = null, gallery = null, pad = null, ticker = null;
  const rows = new Map(); // epoch -> epoch row: merged from GET /epochs and `epoch` events
  const sorted = () => [...rows.values()].sort((a, b) => a.epoch - b.epoch);

  replace(root, el('p', { class: 'muted', text: `Loading run #${id}…` }));

  const head = el('div', { class: 'view-head' });
  const messages = el('div', { class: 'messages', 'aria-live': 'polite' });
  const errorBox = el('div');
  const progressBox = el('div', { class: 'live-progress', 'aria-live': 'off' });
  const summary = el('dl', { class: 'summary' });
  const epochsBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const layersBox = el('div', { class: 'table-wrap', tabindex: '0' });
  const checkpoints = checkpointsLine(id);
  const specBox = el('pre', { class: 'spec', tabindex: '0', 'aria-label': 'The run\'s spec as JSON' });

  async function start() {
    try {
      run = await api.run(id);
    } catch (e) {
      if (!alive) return;
      replace(root, el('h1', { text: `Run #${id}` }), notice('error',
        e.status === 404 ? `There is no run #${id} (it may have been deleted). ` : `Could not load run #${id}: ${e.message}. `,
        el('a', { href: '#/', text: 'Back to the runs' })));
      return;
    }
    if (!alive) return;
    if (run.source === 'external') { location.replace(`#/runs/${id}/metrics`); return; }   // no spec, no epochs
    layout();
    if (!FINAL.has(run.status)) openStream();
    await loadEpochs();
    ticker = setInterval(() => { if (run && run.status === 'running') renderSummary(); }, 1000);
  }

  function layout() {
    const lossBox = chartBox('Loss per epoch', 'Train and test loss per epoch; the epochs table below lists the values.');
    const accBox = chartBox('Accuracy per epoch', 'Train and test accuracy per epoch; the epochs table below lists the values.');
    const xMax = run.epochs_total ?? run.spec?.epochs;
    const validation = { color: PALETTE[2], dash: [2, 3] };   // drawn (and in the legend) only when the run has a validation split
    lossChart = lineChart(lossBox.canvas, { yLabel: 'loss', xMax, series: [
      { label: 'train loss', color: themeColor('--series-1') }, { label: 'test loss', color: themeColor('--series-2'), dash: [6, 3] },
      { label: 'validation loss', ...validation }] });
    accChart = lineChart(accBox.canvas, { yLabel: 'accuracy', yFormat: 'percent', xMax, series: [
      { label: 'train accuracy', color: themeColor('--series-1') }, { label: 'test accuracy', color: themeColor('--series-2'), dash: [6, 3] },
      { label: 'validation accuracy', ...validation }] });
    const lr = chartBox('Learning rate per epoch', 'The learning rate at the last step of each epoch; the epochs table lists the values.');
    lrBox = lr.box;
    lrBox.hidden = true;
    lrChart = lineChart(lr.canvas, { yLabel: 'learning rate', xMax, series: [{ label: 'learning rate', color: themeColor('--series-1') }] });
    if (lrChart) lrChart.chart.options.scales.y.beginAtZero = true;   // a constant rate reads as a flat line above 0
    for (const c of [lossChart, accChart, lrChart]) {
      if (c) c.chart.options.plugins.legend.labels.filter = (item, data) => data.datasets[item.datasetIndex].data.length > 0;
    }
    gallery = gallerySection(id, run.dataset ?? run.spec?.dataset);
    pad = drawSection(id);
    evaluation = evaluationSection(id, { onCell: (t, p, epoch) => gallery.show(t, p, epoch) });
    replace(root, head, messages, errorBox, progressBox,
      el('section', { class: 'card', 'aria-labelledby': 'sum-title' }, el('h2', { id: 'sum-title', text: 'Summary' }), summary),
      el('section', { class: 'card', 'aria-labelledby': 'curves-title' }, el('h2', { id: 'curves-title', text: 'Curves' }),
        el('div', { class: 'chart-grid' }, lossBox.box, accBox.box, lrBox)),
      el('section', { class: 'card', 'aria-labelledby': 'epochs-title' },
        el('div', { class: 'section-head' }, el('h2', { id: 'epochs-title', text: 'Epochs' }),
          el('span', { class: 'downloads' }, 'Download: ',
            el('a', { href: api.epochsCsvUrl(id), download: `run-${id}-epochs.csv`, text: 'CSV' }), ' · ',
            el('a', { href: api.epochsJsonUrl(id), download: `run-${id}-epochs.json`, text: 'JSON' }), ' · ',
            el('a', { href: api.runJsonUrl(id), download: `run-${id}.json`, text: 'run (JSON)' }))),
        epochsBox, checkpoints.box),
      evaluation.section,
      run.spec?.augment ? augmentedStrip(id, run.spec.augment) : null,
      gallery.section,
      pad.section,
      el('section', { class: 'card', 'aria-labelledby': 'layers-title' }, el('h2', { id: 'layers-title', text: 'Layers' }), layersBox),
      el('section', { class: 'card', 'aria-labelledby': 'spec-title' }, el('h2', { id: 'spec-title', text: 'Spec' }), specBox));
    renderHead(); renderSummary(); renderLayers();
    specBox.textContent = pretty(run.spec ?? null);
  }

  function renderHead() {
    const actions = el('div', { class: 'actions' },
      ACTIVE.has(run.status) && !run.cancel_requested
        ? el('button', { type: 'button', text: 'Cancel run', onclick: () => act('cancel') }) : null,
      el('button', { type: 'button', class: 'danger', text: 'Delete', disabled: run.status === 'running',
        title: run.status === 'running' ? 'A running run cannot be deleted: cancel it first' : null, onclick: () => act('delete') }));
    replace(head, el('h1', {}, el('span', { class: 'muted', text: `#${run.id} ` }), run.name ?? '(unnamed)', ' ', badge(run.status, run.cancel_requested)), actions);
    document.title = `#${run.id} ${run.name ?? ''} · mlplab`;
    replace(errorBox, run.status === 'failed'
      ? notice('error', el('strong', { text: 'This run failed: ' }), run.error ?? 'no error message was recorded.')
      : run.status === 'stopped_early' ? notice('info', `Stopped early by its sweep's early-stopping rule after ${run.epochs_done ?? 0} of ${run.epochs_total ?? '?'} epochs.`)
        : null);
    renderProgress();
  }

  function renderProgress() {
    const p = run.progress ?? {};
    if (run.status !== 'running' && run.status !== 'queued') { replace(progressBox); return; }
    const total = run.epochs_total ?? run.spec?.epochs;
    const inEpoch = p.batches ? p.batch / p.batches : null;
    replace(progressBox,
      el('div', { class: 'progress-row' }, el('span', { class: 'progress-label', text: 'Run' }),
        progressBar(p.fraction, 'Progress of the whole run', `${Math.round((p.fraction ?? 0) * 100)}% · ${run.epochs_done ?? 0}/${total ?? '?'} epochs`)),
      el('div', { class: 'progress-row' }, el('span', { class: 'progress-label', text: p.epoch ? `Epoch ${p.epoch}` : 'Epoch' }),
        progressBar(inEpoch, 'Progress within the current epoch',
          p.batches ? `batch ${int(p.batch)} / ${int(p.batches)}` : run.status === 'queued' ? 'waiting for a worker' : 'starting…')));
  }

  function renderSummary() {
    const spec = run.spec ?? {};
    const items = [
      ['Status', badge(run.status, run.cancel_requested)],
      ['Model', run.model_type ?? spec.model?.type], ['Dataset', run.dataset ?? spec.dataset],
      ['Optimizer', spec.optimizer ? `${spec.optimizer.type ?? '?'}, lr ${spec.optimizer.lr ?? '?'}` : null],
      ['Loss', spec.loss], ['Batch size', spec.batch_size], ['Seed', spec.seed],
      run.sweep_id ? ['Sweep', [el('a', { href: `#/sweeps/${run.sweep_id}`, text: `#${run.sweep_id}` }),
        ' ', el('code', { text: overridesText(run.overrides) })]] : null,
      spec.validation ? ['Validation split', `${int(spec.validation)} images`] : null,
      ['Parameters', int(run.parameters)], ['Device', run.device ?? spec.device], ['Engine', run.engine ?? '—'],
      run.job ? ['Job', `${run.job.executor} job ${run.job.job_id ?? '(not submitted)'} ${run.job.state ?? ''}, attempt ${run.job.attempt}`
        + (run.job.retries ? `, ${run.job.retries} retr${run.job.retries === 1 ? 'y' : 'ies'}` : '')] : ['Worker', run.worker ?? '—'], ['Epochs', `${run.epochs_done ?? 0} / ${run.epochs_total ?? spec.epochs ?? '?'}`],
      ['Test accuracy', pct(run.test_accuracy)], ['Best test accuracy', pct(run.best_test_accuracy)],
      ['AUC macro', auc(run.auc_macro)],
      ['Created', time(run.created_at)], ['Started', time(run.started_at)], ['Finished', time(run.finished_at)],
      ['Wall time', seconds(typeof run.wall_seconds === 'number' ? run.wall_seconds : elapsed(run.started_at, run.finished_at))], ['Training time', seconds(run.train_seconds_total)],
      run.note ? ['Note', run.note] : null,
    ].filter(Boolean);
    replace(summary, items.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, v ?? '—'))));
  }

  function renderLayers() {
    const layers = run.layers ?? [];
    if (layers.length === 0) { replace(layersBox, notice('empty', 'No layer table for this run.')); return; }
    const total = layers.reduce((s, l) => s + (l.parameters ?? 0), 0);
    replace(layersBox, table([
      { head: '#', class: 'num', cell: (l) => String(layers.indexOf(l) + 1) },
      { head: 'Layer', cell: (l) => el('code', { text: l.layer ?? '' }) },
      { head: 'Output shape', cell: (l) => `[${(l.output_shape ?? []).join(', ')}]` },
      { head: 'Parameters', class: 'num', cell: (l) => int(l.parameters) },
    ], layers, { caption: `${layers.length} layers, ${int(total)} parameters` }));
  }

  function renderEpochs() {
    const list = sorted();
    lossChart?.set(0, epochPoints(list, 'train_loss')); lossChart?.set(1, epochPoints(list, 'test_loss'));
    lossChart?.set(2, epochPoints(list, 'validation_loss')); lossChart?.update();
    accChart?.set(0, epochPoints(list, 'train_accuracy')); accChart?.set(1, epochPoints(list, 'test_accuracy'));
    accChart?.set(2, epochPoints(list, 'validation_accuracy')); accChart?.update();
    const has = (key) => list.some((r) => typeof r[key] === 'number');
    if (lrBox) lrBox.hidden = !has('learning_rate');
    lrChart?.set(0, epochPoints(list, 'learning_rate')); lrChart?.update();
    evaluation.setEpochs(list.map((r) => r.epoch));
    gallery.setLatest(list.length ? list[list.length - 1].epoch : null);
    if (list.length === 0) {
      replace(epochsBox, notice('empty', 'No epoch has finished yet.'));
      return;
    }
    replace(epochsBox, table([
      { head: 'Epoch', class: 'num', cell: (r) => String(r.epoch) },
      { head: 'Train loss', class: 'num', cell: (r) => loss(r.train_loss) },
      { head: 'Train acc.', class: 'num', cell: (r) => pct(r.train_accuracy) },
      { head: 'Test loss', class: 'num', cell: (r) => loss(r.test_loss) },
      { head: 'Test acc.', class: 'num', cell: (r) => pct(r.test_accuracy) },
      { head: 'AUC macro', class: 'num', cell: (r) => auc(r.auc_macro) },
      { head: 'AUC micro', class: 'num', cell: (r) => auc(r.auc_micro) },
      ...[['validation_loss', 'Val. loss'], ['validation_accuracy', 'Val. acc.'], ['validation_auc_macro', 'Val. AUC macro'],
        ['learning_rate', 'Learning rate']].filter(([key]) => has(key))
        .map(([key, head]) => ({ head, class: 'num', cell: (r) => formatMetric(key, r[key]) })),
      { head: 'Train time', class: 'num', cell: (r) => seconds(r.train_seconds) },
      { head: 'Samples/s', class: 'num', cell: (r) => int(r.samples_per_second) },
      { head: 'Eval time', class: 'num', cell: (r) => seconds(r.eval_seconds) },
    ], list, { caption: 'One row per finished epoch' }));
  }

  async function loadEpochs() {
    checkpoints.refresh();
    try {
      const res = await api.epochs(id);
      if (!alive) return;
      for (const r of res?.epochs ?? []) rows.set(r.epoch, r);
    } catch (e) {
      if (alive) replace(messages, notice('error', `Could not load the epochs: ${e.message}`));
    }
    if (alive) renderEpochs();
  }

  function openStream() {
    if (typeof EventSource !== 'function') return;
    source = new EventSource(api.eventsUrl(id));
    const parse = (ev) => { try { return JSON.parse(ev.data); } catch { return null; } };
    source.addEventListener('progress', (ev) => {
      const p = parse(ev); if (!p) return;
      run.progress = p;
      if (run.status === 'queued') run.status = 'running';
      renderProgress();
    });
    source.addEventListener('epoch', (ev) => {
      const r = parse(ev); if (!r || typeof r.epoch !== 'number') return;
      rows.set(r.epoch, r);
      checkpoints.refresh();                 // each epoch is stored with its checkpoint
      run.epochs_done = Math.max(run.epochs_done ?? 0, r.epoch);
      run.test_accuracy = r.test_accuracy; run.auc_macro = r.auc_macro;
      if (typeof r.test_accuracy === 'number') run.best_test_accuracy = Math.max(run.best_test_accuracy ?? 0, r.test_accuracy);
      if (typeof r.train_seconds === 'number') run.train_seconds_total = (run.train_seconds_total ?? 0) + r.train_seconds;
      renderEpochs(); renderSummary(); renderProgress();
    });
    source.addEventListener('status', (ev) => {
      const s = parse(ev); if (!s) return;
      const changed = s.status && s.status !== run.status;
      run.status = s.status ?? run.status;
      if ('error' in s) run.error = s.error;
      renderHead(); renderSummary();
      if (FINAL.has(run.status)) { closeStream(); refresh(); } else if (changed) refreshRun();
    });
    source.addEventListener('open', () => replace(messages));
    source.addEventListener('error', () => {
      if (!alive || !source) return;
      replace(messages, notice('info', source.readyState === EventSource.CLOSED
        ? 'Live updates stopped; reload the page to resume.' : 'Live updates interrupted; reconnecting…'));
    });
  }

  function closeStream() { source?.close(); source = null; }

  /** Re-reads the run's record only (started_at, worker... once it starts). */
  async function refreshRun() {
    try {
      const fresh = await api.run(id);
      if (!alive || FINAL.has(run.status)) return;
      run = { ...fresh, status: run.status, progress: run.progress ?? fresh.progress };
      renderHead(); renderSummary();
    } catch { /* the stream keeps the page going */ }
  }

  /** Re-reads the run and its epochs (after the run ends, or an action). */
  async function refresh() {
    try {
      const fresh = await api.run(id);
      if (!alive) return;
      run = fresh;
      renderHead(); renderSummary(); renderLayers();
      await loadEpochs();
      if (!FINAL.has(run.status) && !source) openStream();
    } catch (e) {
      if (alive) replace(messages, notice('error', `Could not refresh run #${id}: ${e.message}`));
    }
  }

  async function act(what) {
    try {
      if (what === 'cancel') {
        run = { ...run, ...(await api.cancel(id)) };
        renderHead(); renderSummary();
        if (FINAL.has(run.status)) { closeStream(); refresh(); }
        return;
      }
      if (!confirm(`Delete run #${id} "${run.name}" and all its epochs? This cannot be undone.`)) return;
      await api.remove(id);
      location.hash = '#/';
    } catch (e) {
      replace(messages, notice('error', `Could not ${what} run #${id}: ${e.message}`));
    }
  }

  start();
  return () => {
    alive = false; closeStream(); clearInterval(ticker);
    lossChart?.destroy(); accChart?.destroy(); lrChart?.destroy(); evaluation?.destroy(); gallery?.destroy(); pad?.destroy();
  };
}
