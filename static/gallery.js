// The run view's gallery of misclassified test images: each image (from the data set's PNG
// endpoint) with its true and predicted class and the model's confidence, most confident
// mistakes first, filterable by true and predicted class. A confusion-matrix cell opens it
// filtered to that cell (show()).
import { api, showImage } from './api.js';
import { el, replace, notice } from './dom.js';

const PAGE = 60;   // images drawn at once; "Show more" adds as many again

function image(path, alt) {
  const img = el('img', { width: '56', height: '56', loading: 'lazy', alt });
  showImage(img, path);
  return img;
}

export function gallerySection(runId, dataset) {
  let alive = true, seq = 0, rows = [], shown = PAGE, classes = 10, linked = null;
  const classOptions = (id, label) => el('select', { id, 'aria-label': label, onchange: load },
    el('option', { value: '', text: 'any' }),
    Array.from({ length: classes }, (_, k) => el('option', { value: String(k), text: String(k) })));
  const epochSelect = el('select', { id: 'gallery-epoch', onchange: () => { linked = null; load(); } });
  const trueSelect = classOptions('gallery-true', 'true class');
  const predSelect = classOptions('gallery-predicted', 'predicted class');
  const status = el('p', { class: 'muted', id: 'gallery-status', 'aria-live': 'polite' });
  const grid = el('div', { class: 'gallery', id: 'gallery-grid' });
  const more = el('button', { type: 'button', class: 'small', hidden: true, text: 'Show more',
    onclick: () => { shown += PAGE; draw(); } });

  const section = el('section', { class: 'card', id: 'gallery', 'aria-labelledby': 'gallery-title' },
    el('h2', { id: 'gallery-title', text: 'Misclassified test images' }),
    el('div', { class: 'toolbar' },
      el('div', { class: 'field inline' }, el('label', { for: 'gallery-epoch', text: 'Epoch' }), epochSelect),
      el('div', { class: 'field inline' }, el('label', { for: 'gallery-true', text: 'True class' }), trueSelect),
      el('div', { class: 'field inline' }, el('label', { for: 'gallery-predicted', text: 'Predicted class' }), predSelect)),
    status, grid, more);

  function fillEpochs(latest) {
    const current = epochSelect.value || 'latest';
    replace(epochSelect,
      el('option', { value: 'latest', text: latest ? `latest (${latest})` : 'latest' }),
      el('option', { value: 'best', text: 'best' }),
      linked ? el('option', { value: String(linked), text: `epoch ${linked}` }) : null);
    epochSelect.value = linked ? String(linked) : current;
  }

  async function load() {
    const mine = ++seq;
    const epoch = epochSelect.value || 'latest';
    replace(status, 'Loading…');
    try {
      const data = await api.predictions(runId, { epoch, wrong: 'true', label: trueSelect.value, predicted: predSelect.value });
      if (!alive || mine !== seq) return;
      rows = [...data.predictions].sort((a, b) => b.confidence - a.confidence || a.index - b.index);
      shown = PAGE;
      const filters = [trueSelect.value && `true ${trueSelect.value}`, predSelect.value && `predicted ${predSelect.value}`]
        .filter(Boolean).join(', ');
      replace(status, `Epoch ${data.epoch}${data.epoch === data.best_epoch ? ' (best)' : ''}: ${rows.length} of ${data.total} `
        + `test images misclassified${filters ? ` (${filters})` : ''}, most confident first.`);
      draw();
    } catch (e) {
      if (!alive || mine !== seq) return;
      rows = [];
      replace(grid); more.hidden = true;
      replace(status, e.status === 404 ? notice('empty', `No stored predictions here: ${e.message}`)
        : notice('error', `Predictions unavailable: ${e.message}`));
    }
  }

  function draw() {
    replace(grid, rows.slice(0, shown).map((r) => el('figure', { class: 'gallery-item', dataset: { index: String(r.index),
      label: String(r.label), predicted: String(r.predicted) } },
      image(api.datasetImageUrl(dataset, 'test', r.index), `test image ${r.index}: a ${r.label} taken for a ${r.predicted}`),
      el('figcaption', {},
        el('span', { class: 'truth', text: `true ${r.label}` }), ' → ',
        el('span', { class: 'pred', text: `${r.predicted}` }),
        el('span', { class: 'conf', text: ` ${(r.confidence * 100).toFixed(1)}%` }),
        el('span', { class: 'muted index', text: `#${r.index}` })))));
    if (rows.length === 0) replace(grid, notice('empty', 'No misclassified image matches these filters.'));
    more.hidden = rows.length <= shown;
  }

  return {
    section,
    /** Follows the run's finished epochs (the latest's predictions replace the previous ones). */
    setLatest(latest) {
      const before = epochSelect.options[0]?.text;
      fillEpochs(latest);
      if (epochSelect.options[0]?.text !== before && (epochSelect.value === 'latest' || epochSelect.value === 'best')) load();
    },
    /** Shows the mistakes of one confusion-matrix cell (true `truth`, predicted `predicted`) at `epoch`. */
    show(truth, predicted, epoch) {
      linked = epoch ?? null;
      fillEpochs(epochSelect.options[0]?.text.match(/\d+/)?.[0]);
      trueSelect.value = String(truth);
      predSelect.value = String(predicted);
      load();
      section.scrollIntoView({ block: 'start' });
    },
    destroy() { alive = false; },
  };
}
