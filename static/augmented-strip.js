// The run page's strip of augmented training images: what the model is shown. The service
// distorts a few training images as the run's spec does (GET /api/runs/{id}/augmented, pixels in
// [0, 1]); each is drawn on a small canvas, ink dark on light as the digits are usually printed.
import { api } from './api.js';
import { el, replace, notice } from './dom.js';

const ZOOM = 3;   // screen pixels per image pixel

/** Draws one image (h·w values in [0, 1]) on a canvas of w·ZOOM by h·ZOOM. */
function canvasOf(pixels, [h, w], label) {
  const canvas = el('canvas', { width: w * ZOOM, height: h * ZOOM, class: 'augmented-image', role: 'img',
    'aria-label': `Augmented training image of a ${label}`, dataset: { label: String(label) } });
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(w, h);
  pixels.forEach((v, i) => {
    const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
    image.data.set([shade, shade, shade, 255], i * 4);
  });
  const small = el('canvas', { width: w, height: h });
  small.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, w * ZOOM, h * ZOOM);
  return canvas;
}

/** The section, filled once the images arrive. `augment` is the spec's object (null: none). */
export function augmentedStrip(runId, augment) {
  const strip = el('div', { class: 'augmented-strip' });
  const what = augment ? 'as the spec\'s augmentation distorts them (a fresh draw each step while training)'
    : 'unchanged: the spec has no augmentation';
  const section = el('section', { class: 'card', 'aria-labelledby': 'aug-title' },
    el('h2', { id: 'aug-title', text: 'Training images' }),
    el('p', { class: 'muted', text: `The first training images, ${what}.` }), strip);
  api.augmented(runId, 8).then((body) => {
    replace(strip, body.images.map((pixels, i) => el('figure', { class: 'augmented' },
      canvasOf(pixels, body.shape, body.labels[i]), el('figcaption', { text: String(body.labels[i]) }))));
  }).catch((e) => replace(strip, notice('error', `Could not load the training images: ${e.message}`)));
  return section;
}
