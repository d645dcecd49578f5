// The sweeps page: every sweep with its live progress and best objective, and the editor that
// starts a new one (sweep-form.js).
import { api } from './api.js';
import { el, replace, notice, table, badge, progressBar, time, int, ACTIVE } from './dom.js';
import { formatMetric, metricLabel } from './metrics.js';
import { sweepForm } from './sweep-form.js';

const REFRESH_MS = 2000;
const RETRY_MS = 5000;

/** Runs of a sweep that are done (finished, failed, cancelled or stopped early). */
export function doneRuns(s) {
  const c = s.counts ?? {};
  return (c.finished ?? 0) + (c.failed ?? 0) + (c.cancelled ?? 0) + (c.stopped_early ?? 0);
}

/** "4 finished · 1 stopped early · 1 running" of a sweep's counts, zeros left out. */
export function countsText(s) {
  const c = s.counts ?? {};
  const parts = ['finished', 'stopped_early', 'running', 'queued', 'failed', 'cancelled']
    .filter((k) => c[k]).map((k) => `${c[k]} ${k.replace('_', ' ')}`);
  return parts.join(' · ') || 'no runs';
}

export function sweepProgress(s, label) {
  const total = s.runs_total ?? 0;
  return progressBar(total ? doneRuns(s) / total : 0, label, `${doneRuns(s)}/${total} runs`);
}

export function mountSweeps(root) {
  let alive = true, timer = null, seq = 0;
  const message = el('div', { class: 'messages', 'aria-live': 'polite' });
  const body = el('div', { class: 'table-wrap', tabindex: '0' }, el('p', { class: 'muted', text: 'Loading sweeps…' }));
  const form = sweepForm((sweep) => { location.hash = `#/sweeps/${sweep.id}`; });

  replace(root,
    el('div', { class: 'view-head' }, el('h1', { text: 'Sweeps' }),
      el('button', { type: 'button', class: 'primary', text: 'New sweep', onclick: () => {
        const h = root.querySelector('#new-sweep-title');
        h?.scrollIntoView({ block: 'start' }); h?.focus({ preventScroll: true });
      } })),
    message,
    el('section', { class: 'card', 'aria-label': 'All sweeps' }, body),
    form.element);

  async function load() {
    clearTimeout(timer);
    const mine = ++seq;
    try {
      const res = await api.listSweeps();
      if (!alive || mine !== seq) return;
      const sweeps = Array.isArray(res?.sweeps) ? res.sweeps.slice().sort((a, b) => b.id - a.id) : [];
      replace(message);
      render(sweeps);
      if (sweeps.some((s) => ACTIVE.has(s.status))) timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      if (!alive || mine !== seq) return;
      replace(message, notice('error', `Could not load the sweeps: ${e.message}. Retrying…`));
      timer = setTimeout(load, RETRY_MS);
    }
  }

  async function act(what, s) {
    try {
      if (what === 'cancel') await api.cancelSweep(s.id);
      else {
        if (!confirm(`Delete sweep #${s.id} "${s.name}" and its ${s.runs_total} runs? This cannot be undone.`)) return;
        await api.removeSweep(s.id);
      }
      load();
    } catch (e) {
      replace(message, notice('error', `Could not ${what} sweep #${s.id}: ${e.message}`));
    }
  }

  function render(sweeps) {
    if (sweeps.length === 0) {
      replace(body, notice('empty', 'No sweeps yet. Start one with the editor below.'));
      return;
    }
    const link = (s, text) => el('a', { href: `#/sweeps/${s.id}`, text });
    replace(body, table([
      { head: 'ID', class: 'num', cell: (s) => link(s, `#${s.id}`) },
      { head: 'Name', class: 'nowrap', cell: (s) => link(s, s.name ?? '(unnamed)') },
      { head: 'Status', cell: (s) => badge(s.status) },
      { head: 'Progress', class: 'col-progress', cell: (s) => sweepProgress(s, `Sweep ${s.id} progress`) },
      { head: 'Runs', class: 'nowrap', cell: (s) => countsText(s) },
      { head: 'Objective', cell: (s) => `${metricLabel(s.metric ?? '?')} (${s.goal ?? '?'})` },
      { head: 'Best', class: 'num', cell: (s) => (s.best?.run_id
        ? el('a', { href: `#/runs/${s.best.run_id}`, text: formatMetric(s.metric, s.best.objective),
          'aria-label': `Best run ${s.best.run_id}: ${formatMetric(s.metric, s.best.objective)}` }) : '—') },
      { head: 'Epochs trained', class: 'num', cell: (s) => int(s.epochs_trained) },
      { head: 'Created', class: 'nowrap', cell: (s) => time(s.created_at) },
      { head: el('span', { class: 'sr-only', text: 'Actions' }), class: 'col-actions', cell: (s) => [
        ACTIVE.has(s.status) ? el('button', { type: 'button', class: 'small', text: 'Cancel',
          'aria-label': `Cancel sweep ${s.id}`, onclick: () => act('cancel', s) }) : null,
        el('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete sweep ${s.id}`,
          disabled: s.status === 'running', title: s.status === 'running' ? 'A running sweep cannot be deleted: cancel it first' : null,
          onclick: () => act('delete', s) }),
      ] },
    ], sweeps, { caption: `${sweeps.length} sweep${sweeps.length === 1 ? '' : 's'}, newest first` }));
  }

  load();
  return () => { alive = false; clearTimeout(timer); };
}
