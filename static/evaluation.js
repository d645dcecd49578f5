// The run view's evaluation section: ROC curves and the confusion matrix of one epoch,
// chosen with a selector that by default follows the latest epoch.
import { api } from './api.js';
import { el, replace, notice, auc } from './dom.js';
import { chartBox, rocChart, confusionTable, curveStyle } from './charts.js';

/** onCell(truth, predicted, epoch): a confusion-matrix cell was chosen (the gallery shows it). */
export function evaluationSection(runId, { onCell } = {}) {
  let epochs = [], follow = true, seq = 0, roc = null, logX = false, alive = true;
  const hidden = new Set(); // curves the reader switched off; kept when the epoch changes
  const select = el('select', { id: 'eval-epoch', onchange: () => { follow = select.value === ''; load(); } });
  const logBox = el('input', { type: 'checkbox', id: 'roc-log', onchange: () => { logX = logBox.checked; roc?.setLog(logX); } });
  const status = el('div', { class: 'messages', 'aria-live': 'polite' });
  const rocBox = el('div', { class: 'roc-wrap' });
  const toggles = el('fieldset', { class: 'curve-toggles' });
  const aucList = el('div', { class: 'auc-list' });
  const confBox = el('div', { class: 'table-wrap', tabindex: '0' });

  const section = el('section', { class: 'card', 'aria-labelledby': 'eval-title' },
    el('h2', { id: 'eval-title', text: 'ROC curves and confusion matrix' }),
    el('div', { class: 'toolbar' },
      el('div', { class: 'field inline' }, el('label', { for: 'eval-epoch', text: 'Epoch' }), select),
      el('div', { class: 'field inline' }, logBox, el('label', { for: 'roc-log', text: 'log scale for the false-positive rate' }))),
    status,
    el('div', { class: 'eval-grid' }, el('div', {}, rocBox, toggles, aucList), confBox));

  function fillSelect() {
    const latest = epochs.length ? epochs[epochs.length - 1] : null;
    const current = select.value;
    replace(select,
      el('option', { value: '', text: latest === null ? 'latest (none yet)' : `latest (${latest})` }),
      [...epochs].reverse().map((e) => el('option', { value: String(e), text: `epoch ${e}` })));
    select.value = follow ? '' : current;
    select.disabled = epochs.length === 0;
  }

  async function load() {
    const mine = ++seq;
    if (epochs.length === 0) {
      roc?.destroy(); roc = null;
      replace(rocBox, notice('empty', 'No epoch has finished yet: ROC curves and the confusion matrix appear after the first one.'));
      replace(aucList); replace(confBox); replace(toggles);
      return;
    }
    const epoch = follow ? epochs[epochs.length - 1] : Number(select.value);
    replace(status, el('p', { class: 'muted', text: `Loading epoch ${epoch}…` }));
    const [r, c] = await Promise.allSettled([api.roc(runId, epoch), api.confusion(runId, epoch)]);
    if (!alive || mine !== seq) return;
    replace(status);
    showRoc(r);
    if (c.status === 'fulfilled') {
      replace(confBox, confusionTable(c.value, { onCell: onCell && ((t, p) => onCell(t, p, c.value.epoch)) }));
    }
    else replace(confBox, notice('error', `Confusion matrix unavailable: ${c.reason.message}`));
  }

  function showRoc(r) {
    roc?.destroy(); roc = null;
    if (r.status !== 'fulfilled') {
      replace(rocBox, notice('error', `ROC curves unavailable: ${r.reason.message}`));
      replace(aucList); replace(toggles);
      return;
    }
    const data = r.value;
    const { box, canvas } = chartBox(`ROC curves, epoch ${data.epoch}`,
      `ROC curves of epoch ${data.epoch}: one per class, plus micro and macro averages; the AUCs are listed below.`);
    replace(rocBox, box);
    roc = rocChart(canvas, data, { logX });
    const curves = data.curves ?? [];
    curves.forEach((c, i) => { if (hidden.has(c.curve)) roc?.setVisible(i, false); });
    drawToggles(curves);
    replace(aucList, el('details', {}, el('summary', { text: 'AUCs as a table' }), el('table', { class: 'compact' },
      el('caption', { text: `AUC by curve, epoch ${data.epoch}` }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'curve' }), el('th', { scope: 'col', class: 'num', text: 'AUC' }))),
      el('tbody', {}, curves.map((c) => el('tr', {},
        el('th', { scope: 'row', text: /^\d+$/.test(c.curve) ? `class ${c.curve}` : c.curve }),
        el('td', { class: 'num', text: auc(c.auc) })))))));
  }

  /** One checkbox per curve (the chart's legend): keyboard-operable, and the swatch shows colour and dash. */
  function drawToggles(curves) {
    const name = (c) => (/^\d+$/.test(c.curve) ? `class ${c.curve}` : `${c.curve} average`);
    const boxes = curves.map((c, i) => {
      const style = curveStyle(c.curve, i);
      const box = el('input', { type: 'checkbox', checked: !hidden.has(c.curve), dataset: { curve: c.curve }, onchange: () => {
        if (box.checked) hidden.delete(c.curve); else hidden.add(c.curve);
        roc?.setVisible(i, box.checked);
      } });
      const swatch = el('span', { class: 'curve-swatch', 'aria-hidden': 'true',
        style: `border-top-color:${style.color};border-top-style:${style.dash ? (style.dash[0] <= 2 ? 'dotted' : 'dashed') : 'solid'}` });
      return el('label', {}, box, swatch, `${name(c)} (AUC ${auc(c.auc)})`);
    });
    const all = (on) => () => boxes.forEach((label) => {
      const box = label.querySelector('input');
      if (box.checked !== on) { box.checked = on; box.dispatchEvent(new Event('change')); }
    });
    replace(toggles, el('legend', { text: 'Curves shown' }),
      el('div', { class: 'curve-buttons' },
        el('button', { type: 'button', class: 'small', text: 'Show all', onclick: all(true) }),
        el('button', { type: 'button', class: 'small', text: 'Hide all', onclick: all(false) })),
      boxes);
  }

  return {
    section,
    /** Sets the list of finished epochs (ascending); reloads when following the latest. */
    setEpochs(list) {
      const before = epochs[epochs.length - 1];
      epochs = list;
      fillSelect();
      if (follow && epochs[epochs.length - 1] !== before) load();
      else if (epochs.length === 0) load();
    },
    destroy() { alive = false; roc?.destroy(); },
  };
}
