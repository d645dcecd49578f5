// View 1: the runs table, with filters, sort, cursor paging, live refresh and the
// selection of runs to compare. #/runs?sweep=2 shows one sweep's runs (linked from the sweep view).
import { api } from './api.js';
import { el, replace, notice, table, badge, progressBar, pct, auc, time, overridesText, ACTIVE } from './dom.js';

const REFRESH_MS = 2000;
const RETRY_MS = 5000;

// Kept across visits of the page, so going to a run and back keeps the filters and page.
const state = { status: '', model: '', dataset: '', source: '', name: '', sweep: null, sort: '-created', limit: '50', cursors: [null], page: 0 };

/** Runs picked for comparison: id -> name. Kept for the browser tab's life. */
export const selection = new Map(JSON.parse(sessionStorage.getItem('mlplab.selection') || '[]'));
const saveSelection = () => sessionStorage.setItem('mlplab.selection', JSON.stringify([...selection]));

const OPTIONS = {
  status: [['', 'any'], ['queued', 'queued'], ['running', 'running'], ['finished', 'finished'], ['failed', 'failed'], ['cancelled', 'cancelled'], ['stopped_early', 'stopped early']],
  model: [['', 'any'], ['mlp', 'MLP'], ['mixer', 'MLP-Mixer'], ['resmlp', 'ResMLP'], ['vip', 'ViP']],
  dataset: [['', 'any'], ['mnist', 'MNIST'], ['fashion-mnist', 'Fashion-MNIST']],
  source: [['', 'any'], ['mlplab', 'trained here'], ['external', 'logged (MLflow)']],
  sort: [['-created', 'newest first'], ['created', 'oldest first'], ['-test_accuracy', 'test accuracy, high to low'],
    ['test_accuracy', 'test accuracy, low to high'], ['-auc_macro', 'AUC macro, high to low'], ['auc_macro', 'AUC macro, low to high']],
  limit: [['25', '25'], ['50', '50'], ['100', '100'], ['500', '500']],
};

export function mountRuns(root, sweep = null) {
  if (state.sweep !== sweep) { state.sweep = sweep; state.cursors = [null]; state.page = 0; }
  let alive = true, timer = null, seq = 0, runs = null, next = null;
  const message = el('div', { class: 'messages', 'aria-live': 'polite' });
  const body = el('div', { class: 'table-wrap', tabindex: '0' }, el('p', { class: 'muted', text: 'Loading runs…' }));
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages of runs' });
  const compareButton = el('button', { type: 'button', class: 'primary', onclick: () => {
    location.hash = `#/compare?ids=${[...selection.keys()].join(',')}`;
  } });
  const clearButton = el('button', { type: 'button', text: 'Clear selection', onclick: () => {
    selection.clear(); saveSelection(); render();
  } });

  const field = (key, label) => {
    const id = `filter-${key}`;
    const select = el('select', { id, onchange: () => { state[key] = select.value; restart(); } },
      OPTIONS[key].map(([value, text]) => el('option', { value, text, selected: state[key] === value })));
    return el('div', { class: 'field' }, el('label', { for: id, text: label }), select);
  };
  const nameInput = el('input', { id: 'filter-name', type: 'search', value: state.name, placeholder: 'run name', autocomplete: 'off' });
  let nameTimer = null;
  nameInput.addEventListener('input', () => {
    clearTimeout(nameTimer);
    nameTimer = setTimeout(() => { state.name = nameInput.value.trim(); restart(); }, 300);
  });

  replace(root,
    el('div', { class: 'view-head' },
      el('h1', { text: 'Runs' }),
      el('a', { class: 'button primary', href: '#/submit', text: 'New run' })),
    sweep === null ? null : notice('info', 'Only the runs of ', el('a', { href: `#/sweeps/${sweep}`, text: `sweep #${sweep}` }),
      '. ', el('a', { href: '#/', text: 'Show all runs' })),
    el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs', onsubmit: (e) => e.preventDefault() },
      field('status', 'Status'), field('model', 'Model'), field('dataset', 'Dataset'), field('source', 'Source'),
      el('div', { class: 'field' }, el('label', { for: 'filter-name', text: 'Name' }), nameInput),
      field('sort', 'Sort by'), field('limit', 'Per page')),
    el('div', { class: 'compare-bar' }, compareButton, clearButton),
    message, body, pager);

  function restart() {
    state.cursors = [null]; state.page = 0;
    load();
  }

  async function load() {
    clearTimeout(timer);
    const mine = ++seq;
    const { status, model, dataset, source, name, sweep: sweepId, sort, limit } = state;
    try {
      const res = await api.listRuns({ status, model, dataset, source, name, sweep: sweepId, sort, limit, after: state.cursors[state.page] });
      if (!alive || mine !== seq) return;
      runs = Array.isArray(res?.runs) ? res.runs : [];
      next = res?.next ?? null;
      replace(message);
      render();
      let again = runs.some((r) => ACTIVE.has(r.status));
      if (!again) {
        try { const h = await api.health(); again = (h.running ?? 0) + (h.queued ?? 0) > 0; } catch { /* shown in header */ }
      }
      if (alive && mine === seq && again) timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      if (!alive || mine !== seq) return;
      replace(message, notice('error', `Could not load the runs: ${e.message}. Retrying…`));
      timer = setTimeout(load, RETRY_MS);
    }
  }

  async function act(what, run) {
    try {
      if (what === 'cancel') await api.cancel(run.id);
      else {
        const ok = confirm(`Delete run #${run.id} "${run.name}" and all its epochs? This cannot be undone.`);
        if (!ok) return;
        await api.remove(run.id);
        selection.delete(run.id); saveSelection();
      }
      load();
    } catch (e) {
      replace(message, notice('error', `Could not ${what} run #${run.id}: ${e.message}`));
    }
  }

  function render() {
    const n = selection.size;
    compareButton.textContent = n ? `Compare ${n} selected run${n === 1 ? '' : 's'}` : 'Compare: tick runs first';
    compareButton.disabled = n === 0;
    clearButton.disabled = n === 0;
    if (!runs) return;
    const focusKey = document.activeElement?.dataset?.focus;
    renderPager();
    if (runs.length === 0) {
      const filtered = state.status || state.model || state.dataset || state.source || state.name || state.sweep !== null;
      replace(body, notice('empty', filtered ? 'No runs match these filters.'
        : ['No runs yet. ', el('a', { href: '#/submit', text: 'Submit the first one' }), '.']));
      return;
    }
    replace(body, runsTable());
    if (focusKey) body.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function renderPager() {
    const prev = el('button', { type: 'button', text: '← Previous page', disabled: state.page === 0, dataset: { focus: 'prev' },
      onclick: () => { state.page -= 1; load(); } });
    const nextB = el('button', { type: 'button', text: 'Next page →', disabled: !next, dataset: { focus: 'next' },
      onclick: () => { state.cursors[state.page + 1] = next; state.page += 1; load(); } });
    replace(pager, prev, el('span', { class: 'muted', text: `page ${state.page + 1}` }), nextB);
  }

  function runsTable() {
    const link = (r, text) => el('a', { href: r.source === 'external' ? `#/runs/${r.id}/metrics` : `#/runs/${r.id}`, text });
    const columns = [
      { head: el('span', { class: 'sr-only', text: 'Compare' }), class: 'col-check', cell: (r) => el('input', {
        type: 'checkbox', checked: selection.has(r.id), 'aria-label': `Select run ${r.id} for comparison`, dataset: { focus: `check-${r.id}` },
        onchange: (e) => { if (e.target.checked) selection.set(r.id, r.name); else selection.delete(r.id); saveSelection(); render(); },
      }) },
      { head: 'ID', class: 'num', cell: (r) => link(r, `#${r.id}`) },
      { head: 'Name', cell: (r) => link(r, r.name ?? '(unnamed)') },
      { head: 'Model', cell: (r) => r.model_type ?? '—' },
      { head: 'Dataset', cell: (r) => r.dataset || '—' },
      { head: 'Sweep', cell: (r) => (r.sweep_id ? el('a', { href: `#/sweeps/${r.sweep_id}`, text: `#${r.sweep_id}`,
        title: overridesText(r.overrides), 'aria-label': `Sweep ${r.sweep_id}` }) : '—') },
      { head: 'Status', cell: (r) => {
        const b = badge(r.status, r.cancel_requested);
        if (r.error) b.title = r.error;
        return b;
      } },
      { head: 'Progress', class: 'col-progress', cell: (r) => r.source === 'external' ? el('span', { class: 'muted', text: 'logged' }) : progressBar(r.status === 'finished' ? 1
        : r.status === 'stopped_early' ? (r.epochs_done ?? 0) / (r.epochs_total || 1) : r.progress?.fraction,
        `Run ${r.id} progress`, `${r.epochs_done ?? 0}/${r.epochs_total ?? '?'} ep`) },
      { head: 'Test acc.', class: 'num', cell: (r) => pct(r.test_accuracy) },
      { head: 'Best acc.', class: 'num', cell: (r) => pct(r.best_test_accuracy) },
      { head: 'AUC macro', class: 'num', cell: (r) => auc(r.auc_macro) },
      { head: 'Created', class: 'nowrap', cell: (r) => time(r.created_at) },
      { head: el('span', { class: 'sr-only', text: 'Actions' }), class: 'col-actions', cell: (r) => [
        ACTIVE.has(r.status) && !r.cancel_requested && r.source !== 'external' ? el('button', { type: 'button', class: 'small', text: 'Cancel',
          'aria-label': `Cancel run ${r.id}`, dataset: { focus: `cancel-${r.id}` }, onclick: () => act('cancel', r) }) : null,
        el('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete run ${r.id}`,
          dataset: { focus: `delete-${r.id}` }, disabled: r.status === 'running' && r.source !== 'external',
          title: r.status === 'running' && r.source !== 'external' ? 'A running run cannot be deleted: cancel it first' : null,
          onclick: () => act('delete', r) }),
      ] },
    ];
    return table(columns, runs, { caption: `${runs.length} run${runs.length === 1 ? '' : 's'} on page ${state.page + 1}`, rowAttrs: (r) => ({ class: `row-${r.status}` }) });
  }

  render();
  load();
  return () => { alive = false; clearTimeout(timer); clearTimeout(nameTimer); };
}

