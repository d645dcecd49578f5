// View 4: submit a run. A form and a JSON editor kept in step both ways, prefilled with the
// lab's seed MLP; preset buttons, local JSON checks, and the API's errors marked on the form's
// field and on the editor's line.
import { api } from './api.js';
import { el, replace, pretty } from './dom.js';
import { PRESETS, DEFAULT_PRESET } from './presets.js';
import { lineOfField, parseJson } from './json-lines.js';
import { specForm } from './spec-form.js';

// The editor's text outlives the view (navigating away and back keeps edits).
let saved = { text: pretty(DEFAULT_PRESET.spec), dirty: false };

export function mountSubmit(root) {
  let busy = false, mark = null, formTimer = null;
  const form = specForm((spec) => {
    textarea.value = pretty(spec);
    saved = { text: textarea.value, dirty: true };
    if (mark) markLine(null); else renderGutter();
  });
  const textarea = el('textarea', { id: 'spec-editor', class: 'editor-text', wrap: 'off', spellcheck: 'false',
    autocapitalize: 'off', autocomplete: 'off', rows: '22', 'aria-describedby': 'submit-result' });
  textarea.value = saved.text;
  const gutter = el('div', { class: 'editor-gutter', 'aria-hidden': 'true' });
  const highlight = el('div', { class: 'editor-highlight', 'aria-hidden': 'true', hidden: true });
  const result = el('div', { id: 'submit-result', class: 'submit-result', 'aria-live': 'assertive' });
  const submitButton = el('button', { type: 'submit', class: 'primary', text: 'Submit run' });

  const presetButtons = (group) => PRESETS.filter((p) => p.group === group).map((p) =>
    el('button', { type: 'button', text: p.label, title: `Load ${p.file}`, onclick: () => loadPreset(p) }));

  replace(root,
    el('div', { class: 'view-head' }, el('h1', { text: 'New run' })),
    el('form', { class: 'submit-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
      el('fieldset', { class: 'presets' }, el('legend', { text: 'Presets from the lab (bench/specs)' }),
        el('div', { class: 'preset-row' }, el('span', { class: 'muted', text: 'Models:' }), presetButtons('model')),
        el('div', { class: 'preset-row' }, el('span', { class: 'muted', text: 'Optimizers (on the seed MLP):' }), presetButtons('optimizer'))),
      result,
      el('div', { class: 'submit-grid' },
        el('section', { class: 'form-col', 'aria-labelledby': 'form-title' },
          el('h2', { id: 'form-title', text: 'Form' }), form.element),
        el('div', { class: 'editor-col' },
          el('h2', {}, el('label', { for: 'spec-editor', class: 'editor-label', text: 'Experiment spec (JSON)' })),
          el('div', { class: 'editor' }, gutter, el('div', { class: 'editor-main' }, highlight, textarea)))),
      el('div', { class: 'editor-actions' }, submitButton,
        el('button', { type: 'button', text: 'Format JSON', onclick: format }),
        el('span', { class: 'muted', text: 'Ctrl+Enter in the editor submits' }))));

  const lineHeight = () => parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  const padTop = () => parseFloat(getComputedStyle(textarea).paddingTop) || 0;

  function renderGutter() {
    const lines = textarea.value.split('\n').length;
    const nums = [];
    for (let i = 1; i <= lines; i++) nums.push(el('div', { class: i === mark ? 'marked' : null, text: String(i) }));
    replace(gutter, el('div', { class: 'gutter-inner' }, nums));
    syncScroll();
  }

  function syncScroll() {
    const inner = gutter.firstChild;
    if (inner) inner.style.transform = `translateY(${-textarea.scrollTop}px)`;
    if (mark) {
      highlight.hidden = false;
      highlight.style.top = `${padTop() + (mark - 1) * lineHeight() - textarea.scrollTop}px`;
      highlight.style.height = `${lineHeight()}px`;
    } else highlight.hidden = true;
  }

  /** Marks a line (1-based) of the editor, scrolls it into view; null clears. */
  function markLine(line) {
    mark = line;
    textarea.setAttribute('aria-invalid', line ? 'true' : 'false');
    if (line) textarea.scrollTop = Math.max(0, (line - 1) * lineHeight() - textarea.clientHeight / 2);
    renderGutter();
  }

  function showError(title, message, field, lineInfo) {
    replace(result, el('div', { class: 'notice notice-error', role: 'alert' },
      el('p', { class: 'error-title', text: title }),
      field ? el('p', { class: 'error-field' }, 'Field ', el('code', { text: field })) : null,
      el('p', { class: 'error-message', text: message }),
      lineInfo ? el('p', { class: 'muted', text: lineInfo }) : null));
  }

  function loadPreset(p) {
    if (saved.dirty && !confirm(`Replace your edited spec with the “${p.label}” preset?`)) return;
    textarea.value = pretty(p.spec);
    saved = { text: textarea.value, dirty: false };
    form.set(p.spec);
    form.clearErrors();
    replace(result);
    markLine(null);
  }

  function format() {
    const parsed = parseJson(textarea.value);
    if (!parsed.ok) { localError(parsed); return; }
    textarea.value = pretty(parsed.value);
    saved.text = textarea.value;
    markLine(null);
  }

  function localError(parsed) {
    showError('Invalid JSON: not sent', parsed.message, null,
      parsed.line ? `Line ${parsed.line}, column ${parsed.column} (marked in the editor).` : null);
    markLine(parsed.line);
  }

  async function submit() {
    if (busy) return;
    const text = textarea.value;
    const parsed = parseJson(text);
    if (!parsed.ok) { localError(parsed); return; }
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      showError('Not sent', 'A spec is a JSON object: { "name": …, "model": {…}, … }.', null, null);
      markLine(1);
      return;
    }
    busy = true; submitButton.disabled = true; submitButton.textContent = 'Submitting…';
    markLine(null);
    form.clearErrors();
    replace(result, el('p', { class: 'muted', text: 'Submitting…' }));
    try {
      const run = await api.submit(text);
      saved = { text, dirty: false };
      location.hash = `#/runs/${run.id}`;
    } catch (e) {
      const where = lineOfField(text, e.field);
      const info = where ? (where.exact ? `Line ${where.line} (marked in the editor).`
        : `Not in your spec; marked line ${where.line}, its enclosing “${where.path}”.`) : null;
      const title = e.code === 'invalid_spec' ? 'The server rejected the spec'
        : e.status ? `The server refused the run (${e.status} ${e.code})` : 'Not sent';
      showError(title, e.message, e.field, info);
      markLine(where?.line ?? null);
      form.markError(e.field, e.message);
    } finally {
      busy = false; submitButton.disabled = false; submitButton.textContent = 'Submit run';
    }
  }

  /** The editor's text, once it parses to an object, drives the form. */
  function syncForm() {
    const parsed = parseJson(textarea.value);
    if (parsed.ok && parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) form.set(parsed.value);
  }

  textarea.addEventListener('input', () => {
    saved.text = textarea.value; saved.dirty = true;
    if (mark) markLine(null); else renderGutter();
    clearTimeout(formTimer);
    formTimer = setTimeout(syncForm, 250);
  });
  textarea.addEventListener('scroll', syncScroll);
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
  });
  renderGutter();
  syncForm();
  return () => clearTimeout(formTimer);
}
