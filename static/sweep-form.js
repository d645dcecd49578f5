// Start a sweep: a JSON editor with presets. A 400 from the server names the field; the editor
// marks its line (or the nearest enclosing key present) and the message names the field.
import { api } from './api.js';
import { el, replace, pretty } from './dom.js';
import { lineOfField, parseJson } from './json-lines.js';

const BASE = { dataset: 'mnist', model: { type: 'mlp', hidden: [64], activation: 'relu' },
  optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 }, epochs: 3, batch_size: 50, validation: 1000, train_samples: 5000 };

export const SWEEP_PRESETS = [
  { label: 'Grid: learning rate × dropout', spec: { name: 'lr-dropout', base: BASE,
    grid: { 'optimizer.lr': [0.1, 0.03, 0.01], 'model.dropout': [0, 0.2] }, seeds: [1, 2],
    objective: { metric: 'validation_accuracy', goal: 'max' }, early_stopping: { rule: 'median', min_epochs: 1 } } },
  { label: 'Random: log-uniform learning rate', spec: { name: 'lr-random', base: BASE,
    random: { count: 6, params: { 'optimizer.lr': { log_uniform: [1e-4, 0.3] } } }, seeds: [1, 2],
    objective: { metric: 'validation_loss', goal: 'min' } } },
];

// The text outlives the view, like the run editor's.
let saved = pretty(SWEEP_PRESETS[0].spec);

/** The "New sweep" card; onCreated(sweep) runs after a 201. Returns {element}. */
export function sweepForm(onCreated) {
  let mark = null, busy = false;
  const textarea = el('textarea', { id: 'sweep-editor', class: 'editor-text', wrap: 'off', spellcheck: 'false',
    autocapitalize: 'off', autocomplete: 'off', rows: '24', 'aria-describedby': 'sweep-result' });
  textarea.value = saved;
  const gutter = el('div', { class: 'editor-gutter', 'aria-hidden': 'true' });
  const highlight = el('div', { class: 'editor-highlight', 'aria-hidden': 'true', hidden: true });
  const result = el('div', { id: 'sweep-result', class: 'submit-result', 'aria-live': 'assertive' });
  const submitButton = el('button', { type: 'submit', class: 'primary', text: 'Start sweep' });

  const element = el('section', { class: 'card', 'aria-labelledby': 'new-sweep-title' },
    el('h2', { id: 'new-sweep-title', tabindex: '-1', text: 'New sweep' }),
    el('p', { class: 'muted', text: 'base is a run spec; grid values are crossed, random draws count configurations, '
      + 'each configuration runs once per seed. The objective is a metric of the last epoch (validation_accuracy, '
      + 'validation_loss, test_accuracy…), and early stopping rules are "median" or "asha".' }),
    el('form', { class: 'sweep-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
      el('div', { class: 'preset-row' }, el('span', { class: 'muted', text: 'Presets:' }),
        SWEEP_PRESETS.map((p) => el('button', { type: 'button', text: p.label, onclick: () => load(p.spec) }))),
      result,
      el('label', { for: 'sweep-editor', class: 'editor-label', text: 'Sweep spec (JSON)' }),
      el('div', { class: 'editor' }, gutter, el('div', { class: 'editor-main' }, highlight, textarea)),
      el('div', { class: 'editor-actions' }, submitButton, el('span', { class: 'muted', text: 'Ctrl+Enter in the editor starts it' }))));

  const lineHeight = () => parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  const padTop = () => parseFloat(getComputedStyle(textarea).paddingTop) || 0;

  function renderGutter() {
    const n = textarea.value.split('\n').length, nums = [];
    for (let i = 1; i <= n; i++) nums.push(el('div', { class: i === mark ? 'marked' : null, text: String(i) }));
    replace(gutter, el('div', { class: 'gutter-inner' }, nums));
    syncScroll();
  }

  function syncScroll() {
    if (gutter.firstChild) gutter.firstChild.style.transform = `translateY(${-textarea.scrollTop}px)`;
    highlight.hidden = !mark;
    if (mark) {
      highlight.style.top = `${padTop() + (mark - 1) * lineHeight() - textarea.scrollTop}px`;
      highlight.style.height = `${lineHeight()}px`;
    }
  }

  function markLine(line) {
    mark = line;
    textarea.setAttribute('aria-invalid', line ? 'true' : 'false');
    if (line) textarea.scrollTop = Math.max(0, (line - 1) * lineHeight() - textarea.clientHeight / 2);
    renderGutter();
  }

  function showError(title, message, field, info) {
    replace(result, el('div', { class: 'notice notice-error', role: 'alert' },
      el('p', { class: 'error-title', text: title }),
      field ? el('p', { class: 'error-field' }, 'Field ', el('code', { text: field })) : null,
      el('p', { class: 'error-message', text: message }),
      info ? el('p', { class: 'muted', text: info }) : null));
  }

  function load(spec) {
    textarea.value = saved = pretty(spec);
    replace(result);
    markLine(null);
  }

  async function submit() {
    if (busy) return;
    const text = textarea.value;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      showError('Invalid JSON: not sent', parsed.message, null, parsed.line ? `Line ${parsed.line}, column ${parsed.column} (marked in the editor).` : null);
      markLine(parsed.line);
      return;
    }
    busy = true; submitButton.disabled = true; submitButton.textContent = 'Starting…';
    markLine(null);
    replace(result, el('p', { class: 'muted', text: 'Starting…' }));
    try {
      const sweep = await api.createSweep(text);
      replace(result);
      onCreated(sweep);
    } catch (e) {
      const where = lineOfField(text, e.field);
      const info = where ? (where.exact ? `Line ${where.line} (marked in the editor).`
        : `Not in your spec; marked line ${where.line}, its enclosing “${where.path}”.`) : null;
      showError(e.code === 'invalid_spec' ? 'The server rejected the sweep' : `The sweep was not started (${e.status || 'network'} ${e.code})`,
        e.message, e.field, info);
      markLine(where?.line ?? null);
    } finally {
      busy = false; submitButton.disabled = false; submitButton.textContent = 'Start sweep';
    }
  }

  textarea.addEventListener('input', () => { saved = textarea.value; if (mark) markLine(null); else renderGutter(); });
  textarea.addEventListener('scroll', syncScroll);
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
  });
  requestAnimationFrame(renderGutter);
  renderGutter();
  return { element };
}
