// The new-run form: one control per spec field, showing only the fields of the chosen model and
// optimizer types. It edits a spec object and reports every change, so the JSON editor beside it
// shows exactly what the form means; `set` takes a spec parsed from the editor the other way.
import { el, replace } from './dom.js';
import { GENERAL, MODEL_TYPES, OPTIMIZER_TYPES, MODEL_FIELDS, OPTIMIZER_FIELDS, SCHEDULE_TYPES, SCHEDULE_FIELDS, RECIPE, foreignPaths, getPath, setPath } from './spec-fields.js';

const idOf = (path) => `f-${path.replace(/[^a-z0-9]+/gi, '-')}`;
const defText = (f) => (Array.isArray(f.def) ? f.def.join(', ') : String(f.def));

/**
 * @param {(spec: object) => void} onChange called with the whole spec after each edit in the form.
 * @returns {{element, set(spec), markError(field, message) -> boolean, clearErrors()}}
 */
export function specForm(onChange) {
  let spec = {};
  const controls = new Map(); // path -> {field, read(), write(value), node, error}
  const modelBox = el('div', { class: 'form-grid' });
  const optimizerBox = el('div', { class: 'form-grid' });
  const generalBox = el('div', { class: 'form-grid' });
  const scheduleBox = el('div', { class: 'form-grid' });
  const recipeBox = el('div', { class: 'form-grid' });
  const typeSelect = (path, options, label, help) => fieldNode({ path, label, kind: 'select', options, def: options[0][0], help });

  const element = el('div', { class: 'spec-form', role: 'group', 'aria-label': 'Spec as a form' },
    el('fieldset', {}, el('legend', { text: 'Run' }), generalBox),
    el('fieldset', {}, el('legend', { text: 'Model' }), modelBox),
    el('fieldset', {}, el('legend', { text: 'Optimizer' }), optimizerBox),
    el('fieldset', {}, el('legend', { text: 'Training recipe' }), scheduleBox, recipeBox));

  function fieldNode(f) {
    const id = idOf(f.path);
    const helpId = `${id}-help`, errorId = `${id}-error`;
    const help = el('p', { id: helpId, class: 'field-help' }, f.help, f.def !== undefined ? el('span', { class: 'field-default', text: ` Default: ${defText(f)}.` }) : null);
    const error = el('p', { id: errorId, class: 'field-error', hidden: true });
    const described = `${helpId} ${errorId}`;
    const changed = () => edit(f.path, entry.read());
    let control, read, write;
    if (f.kind === 'select') {
      control = el('select', { id, 'aria-describedby': described, onchange: changed },
        f.options.map(([v, t]) => el('option', { value: String(v), text: t })));
      read = () => (f.numeric ? Number(control.value) : control.value);
      write = (v) => {
        const value = String(v ?? f.def);
        if (![...control.options].some((o) => o.value === value)) control.append(el('option', { value, text: value }));
        control.value = value;
      };
    } else if (f.kind === 'checkbox') {
      control = el('input', { id, type: 'checkbox', 'aria-describedby': described, onchange: changed });
      read = () => control.checked;
      write = (v) => { control.checked = v === true; };
    } else if (f.kind === 'range') {
      const out = el('output', { for: id, class: 'range-value' });
      const input = el('input', { id, type: 'range', min: f.min, max: f.max, step: f.step, 'aria-describedby': described,
        oninput: () => { out.textContent = Number(input.value).toFixed(2); changed(); } });
      control = el('div', { class: 'range' }, input, out);
      read = () => Number(input.value);
      write = (v) => { input.value = String(typeof v === 'number' ? v : f.def); out.textContent = Number(input.value).toFixed(2); };
      control.focusTarget = input;
    } else if (f.kind === 'list') {
      return listNode(f, id, help, error, described);
    } else {
      control = el('input', { id, type: f.kind === 'number' ? 'number' : 'text', 'aria-describedby': described,
        min: f.min, max: f.max, step: f.step, placeholder: defText(f), inputmode: f.kind === 'number' && f.step !== 1 ? 'decimal' : null,
        autocomplete: 'off', oninput: changed });
      read = () => {
        const raw = control.value.trim();
        if (raw === '') return undefined;
        return f.kind === 'number' ? Number(raw) : raw;
      };
      write = (v) => { control.value = v === undefined || v === null ? '' : String(v); };
    }
    const entry = { field: f, read, write, node: control.focusTarget ?? control, error };
    controls.set(f.path, entry);
    const wide = f.kind === 'checkbox';
    return el('div', { class: `form-field${wide ? ' form-check' : ''}`, dataset: { path: f.path } },
      wide ? [control, el('label', { for: id, text: f.label })] : [el('label', { for: id, text: f.label }), control], help, error);
  }

  /** The hidden-layer list: one number input per layer, remove buttons and an add button. */
  function listNode(f, id, help, error, described) {
    const rows = el('ol', { class: 'list-editor', id, tabindex: '-1', 'aria-labelledby': `${id}-label`, 'aria-describedby': described });
    let values = [];
    const changed = () => edit(f.path, values.length ? values.slice() : undefined);
    const draw = () => {
      replace(rows, values.map((v, i) => {
        const input = el('input', { type: 'number', min: f.min, max: f.max, step: f.step, value: Number.isFinite(v) ? String(v) : '',
          'aria-label': `${f.label}: layer ${i + 1} width`, id: `${id}-${i}`, dataset: { index: String(i) },
          oninput: () => { values[i] = input.value.trim() === '' ? null : Number(input.value); changed(); } });
        return el('li', {}, input, el('button', { type: 'button', class: 'small', text: 'Remove', 'aria-label': `Remove layer ${i + 1}`,
          onclick: () => { values.splice(i, 1); draw(); changed(); rows.querySelector('input, button')?.focus(); } }));
      }));
    };
    const add = el('button', { type: 'button', class: 'small', text: 'Add layer', onclick: () => {
      values.push(values.length ? values[values.length - 1] : 100); draw(); changed();
      rows.querySelector('li:last-child input')?.focus();
    } });
    controls.set(f.path, { field: f, read: () => values.slice(), node: rows, error,
      write: (v) => { values = Array.isArray(v) ? v.slice() : f.def.slice(); draw(); } });
    return el('div', { class: 'form-field form-list', dataset: { path: f.path } },
      el('span', { class: 'label', id: `${id}-label`, text: f.label }), rows, add, help, error);
  }

  function edit(path, value) {
    setPath(spec, path, value);
    if (path === 'model.type') {
      for (const p of foreignPaths(MODEL_FIELDS, value)) setPath(spec, p, undefined);
      drawModel();
    }
    if (path === 'optimizer.type') {
      for (const p of foreignPaths(OPTIMIZER_FIELDS, value)) setPath(spec, p, undefined);
      drawOptimizer();
    }
    if (path === 'schedule.type') {
      for (const p of foreignPaths(SCHEDULE_FIELDS, value)) setPath(spec, p, undefined);
      drawSchedule();
    }
    if (path.startsWith('augment.') && spec.augment && Object.keys(spec.augment).length === 0) delete spec.augment;
    clearError(path);
    onChange(spec);
  }

  function section(box, typePath, types, table, label, help) {
    for (const key of [...controls.keys()]) if (key.startsWith(`${typePath.split('.')[0]}.`)) controls.delete(key);
    const type = getPath(spec, typePath) ?? types[0][0];
    replace(box, typeSelect(typePath, types, label, help), (table[type] ?? []).map(fieldNode));
    fill(box);
  }
  const drawModel = () => section(modelBox, 'model.type', MODEL_TYPES, MODEL_FIELDS, 'Model type', 'A plain MLP, or an all-MLP vision model on image patches.');
  const drawSchedule = () => section(scheduleBox, 'schedule.type', SCHEDULE_TYPES, SCHEDULE_FIELDS, 'Learning-rate schedule', 'Applied at every optimizer step.');
  const drawOptimizer = () => section(optimizerBox, 'optimizer.type', OPTIMIZER_TYPES, OPTIMIZER_FIELDS, 'Optimizer', 'PyTorch\'s update rules and defaults.');

  function fill(box) {
    for (const [path, c] of controls) if (!box || box.contains(c.node)) c.write(getPath(spec, path));
  }

  function clearError(path) {
    const c = controls.get(path);
    if (!c) return;
    c.error.hidden = true; c.error.textContent = '';
    c.node.removeAttribute('aria-invalid');
    c.node.querySelectorAll?.('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  }

  replace(generalBox, GENERAL.map(fieldNode));
  replace(recipeBox, RECIPE.map(fieldNode));
  drawModel(); drawOptimizer(); drawSchedule();

  return {
    element,
    /** Shows a spec parsed from the editor (a deep copy is kept and edited from then on). */
    set(next) {
      const before = [getPath(spec, 'model.type'), getPath(spec, 'optimizer.type'), getPath(spec, 'schedule.type')];
      spec = JSON.parse(JSON.stringify(next ?? {}));
      if (before[0] !== getPath(spec, 'model.type')) drawModel();
      if (before[1] !== getPath(spec, 'optimizer.type')) drawOptimizer();
      if (before[2] !== getPath(spec, 'schedule.type')) drawSchedule();
      fill(null);
    },
    /** Marks the control of a field path (`optimizer.lr`, `model.hidden[1]`); false when the form has none. */
    markError(field, message) {
      const m = /^(.*?)(?:\[(\d+)\])?$/.exec(field ?? '');
      const c = controls.get(m[1]);
      if (!c) return false;
      c.error.hidden = false; c.error.textContent = message;
      const target = m[2] !== undefined ? c.node.querySelector(`[data-index="${m[2]}"]`) ?? c.node : c.node;
      target.setAttribute('aria-invalid', 'true');
      target.scrollIntoView?.({ block: 'center' });
      target.focus?.({ preventScroll: true });
      return true;
    },
    clearErrors() { for (const path of controls.keys()) clearError(path); },
  };
}
