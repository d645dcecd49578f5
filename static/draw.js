// The run view's drawing pad: a 280 x 280 canvas to draw a digit on with a mouse, a pen or a
// finger; while drawing, the canvas is sent as a PNG to POST /api/runs/{id}/predict (the server
// reduces it to 28 x 28 the way MNIST was made, so that reduction exists once) and the ten
// probabilities are drawn as bars. At most one request is in flight, and at most one every
// THROTTLE_MS; the last drawing is always sent once the pen stops.
import { api } from './api.js';
import { el, replace } from './dom.js';

const SIZE = 280, PEN = 20, THROTTLE_MS = 120;

export function drawSection(runId, classes = 10) {
  let alive = true, drawing = false, last = null, inFlight = false, dirty = false, lastSent = 0, timer = null, inked = false;
  const canvas = el('canvas', { id: 'draw-canvas', width: String(SIZE), height: String(SIZE), class: 'draw-canvas',
    'aria-label': 'Drawing pad: draw one digit with the mouse or a finger' });
  const ctx = canvas.getContext('2d');
  const bars = el('div', { class: 'prob-bars', id: 'draw-bars', role: 'list', 'aria-label': 'probability of each class' });
  const verdict = el('p', { class: 'draw-verdict', id: 'draw-verdict', 'aria-live': 'polite', text: 'Draw a digit.' });
  const rows = Array.from({ length: classes }, (_, k) => {
    const fill = el('span', { class: 'prob-fill' });
    const value = el('span', { class: 'prob-value num', text: '—' });
    const row = el('div', { class: 'prob-row', role: 'listitem', dataset: { class: String(k) } },
      el('span', { class: 'prob-label', text: String(k) }), el('span', { class: 'prob-track' }, fill), value);
    bars.append(row);
    return { row, fill, value };
  });

  function clear() {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIZE, SIZE);
    inked = false;
    rows.forEach((r) => { r.fill.style.width = '0%'; r.value.textContent = '—'; r.row.classList.remove('top'); });
    replace(verdict, 'Draw a digit.');
  }

  const point = (e) => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * (SIZE / box.width), (e.clientY - box.top) * (SIZE / box.height)];
  };
  function stroke(to) {
    ctx.strokeStyle = '#fff'; ctx.fillStyle = '#fff';
    ctx.lineWidth = PEN; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
    ctx.beginPath();
    if (last) { ctx.moveTo(...last); ctx.lineTo(...to); ctx.stroke(); } else { ctx.arc(...to, PEN / 2, 0, 2 * Math.PI); ctx.fill(); }
    last = to; inked = true;
    schedule();
  }
  canvas.addEventListener('pointerdown', (e) => { e.preventDefault(); canvas.setPointerCapture?.(e.pointerId); drawing = true; last = null; stroke(point(e)); });
  canvas.addEventListener('pointermove', (e) => { if (drawing) { e.preventDefault(); stroke(point(e)); } });
  for (const end of ['pointerup', 'pointercancel', 'pointerleave']) {
    canvas.addEventListener(end, () => { if (drawing) { drawing = false; last = null; schedule(); } });
  }

  /** Sends now when allowed, else once the request in flight or the throttle interval is over. */
  function schedule() {
    dirty = true;
    if (inFlight || timer) return;
    const wait = lastSent + THROTTLE_MS - performance.now();
    if (wait > 0) { timer = setTimeout(() => { timer = null; if (dirty) schedule(); }, wait); return; }
    send();
  }

  async function send() {
    if (!inked) return;
    dirty = false; inFlight = true; lastSent = performance.now();
    try {
      const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
      const answer = await api.predictPNG(runId, png);
      if (alive) show(answer.predictions[0], answer.epoch);
    } catch (e) {
      if (alive) replace(verdict, `Prediction unavailable: ${e.message}`);
    } finally {
      inFlight = false;
      if (alive && dirty) schedule();
    }
  }

  function show(p, epoch) {
    const top = p.predicted;
    p.probabilities.forEach((v, k) => {
      rows[k].fill.style.width = `${(v * 100).toFixed(1)}%`;
      rows[k].value.textContent = `${(v * 100).toFixed(1)}%`;
      rows[k].row.classList.toggle('top', k === top);
    });
    replace(verdict, 'Looks like a ', el('strong', { id: 'draw-top', text: String(top) }),
      ` (${(p.probabilities[top] * 100).toFixed(1)}%, model of epoch ${epoch}).`);
  }

  clear();
  const section = el('section', { class: 'card', id: 'draw', 'aria-labelledby': 'draw-title' },
    el('h2', { id: 'draw-title', text: 'Draw a digit' }),
    el('div', { class: 'draw-grid' },
      el('div', {}, canvas, el('div', { class: 'toolbar' },
        el('button', { type: 'button', class: 'small', id: 'draw-clear', text: 'Clear', onclick: clear }))),
      el('div', {}, verdict, bars)));
  return { section, destroy() { alive = false; clearTimeout(timer); } };
}
