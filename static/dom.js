// DOM and formatting helpers. Every server string goes through textContent, never innerHTML.

/** Creates an element. attrs: plain attributes, plus `class`, `text`, `on*` handlers,
 *  `dataset` and properties (`checked`, `disabled`, `value`). Children: nodes or strings. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'checked' || key === 'disabled' || key === 'value' || key === 'selected') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Pretty JSON with lists of plain values on one line: "hidden": [100, 80]. */
export function pretty(value) {
  return JSON.stringify(value, null, 2)
    .replace(/\[\s*\n([^[\]{}]*?)\n\s*\]/g, (_, inner) => `[${inner.split(',\n').map((s) => s.trim()).join(', ')}]`);
}

const DASH = '—';
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

/** Accuracy as a percentage: 0.9694 -> "96.94%" (the fraction to 4 decimals). */
export const pct = (x) => (isNum(x) ? `${(x * 100).toFixed(2)}%` : DASH);
/** AUC to 5 decimals. */
export const auc = (x) => (isNum(x) ? x.toFixed(5) : DASH);
/** Loss to 4 decimals. */
export const loss = (x) => (isNum(x) ? x.toFixed(4) : DASH);
export const int = (x) => (isNum(x) ? Math.round(x).toLocaleString('en-US') : DASH);
export const num = (x, digits = 2) => (isNum(x) ? x.toFixed(digits) : DASH);

/** "optimizer.lr=0.01, seed=1" of a sweep run's overrides, numbers to 4 significant digits. */
export const overridesText = (o) => Object.entries(o ?? {})
  .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`).join(', ');

/** A duration to the millisecond under a minute ("0.190 s"), then minutes and hours. */
export function seconds(x) {
  if (!isNum(x)) return DASH;
  if (x < 60) return `${x.toFixed(3)} s`;
  const m = Math.floor(x / 60), s = Math.round(x % 60);
  if (m < 60) return `${m} min ${s} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "2026-11-29 03:00:01" in local time, with the ISO string as a tooltip. */
export function time(iso) {
  if (!iso) return el('span', { text: DASH });
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return el('span', { text: String(iso) });
  const p = (n) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return el('time', { datetime: iso, title: iso, text });
}

/** Seconds between two ISO times (end defaults to now), or null. */
export function elapsed(startIso, endIso) {
  if (!startIso) return null;
  const a = Date.parse(startIso), b = endIso ? Date.parse(endIso) : Date.now();
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.max(0, (b - a) / 1000);
}

export const FINAL = new Set(['finished', 'failed', 'cancelled', 'stopped_early']);
export const ACTIVE = new Set(['queued', 'running']);

export function badge(status, cancelRequested = false) {
  const s = String(status ?? 'unknown');
  const label = cancelRequested && ACTIVE.has(s) ? `${s} (cancelling)` : s === 'stopped_early' ? 'stopped early' : s;
  return el('span', { class: `badge badge-${ACTIVE.has(s) || FINAL.has(s) ? s : 'unknown'}`, text: label });
}

/** A labelled progress bar; fraction in [0, 1] or null. */
export function progressBar(fraction, label, detail) {
  const f = isNum(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return el('div', { class: 'progress' },
    el('progress', { max: '1', value: String(f), 'aria-label': label }),
    el('span', { class: 'progress-text', text: detail ?? `${Math.round(f * 100)}%` }));
}

/** A message box; kind is 'error', 'info' or 'empty'. */
export function notice(kind, ...children) {
  return el('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** Builds a table from column definitions {head, cell(row) -> node|string, class, title, sort (aria-sort)}. */
export function table(columns, rows, { caption, rowAttrs } = {}) {
  return el('table', {},
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, el('tr', {}, columns.map((c) =>
      el('th', { scope: 'col', class: c.class, title: c.title, 'aria-sort': c.sort }, c.head)))),
    el('tbody', {}, rows.map((row) => el('tr', rowAttrs ? rowAttrs(row) : {},
      columns.map((c) => el('td', { class: c.class }, c.cell(row)))))));
}
