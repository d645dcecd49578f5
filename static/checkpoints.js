// The run's stored checkpoints (the latest and the best epoch), each with a link to download
// its weights as .safetensors (the PyTorch twin's names). Shown under the epochs table.
import { api } from './api.js';
import { el, replace } from './dom.js';

export function checkpointsLine(id) {
  const box = el('p', { class: 'checkpoints', 'data-testid': 'checkpoints' });

  function render(list) {
    if (list.length === 0) {
      replace(box, el('span', { class: 'muted', text: 'No checkpoint yet: one is stored with each finished epoch.' }));
      return;
    }
    const parts = list.map((c) => {
      const kinds = [c.latest ? 'latest' : null, c.best ? 'best' : null].filter(Boolean).join(', ');
      return el('span', { class: 'checkpoint' }, `epoch ${c.epoch} (${kinds}) `,
        el('a', { href: api.weightsUrl(id, c.epoch), download: `run-${id}-epoch-${c.epoch}.safetensors`,
          text: 'weights', 'aria-label': `Download the weights of epoch ${c.epoch} (.safetensors)` }));
    });
    replace(box, 'Checkpoints: ', ...parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
  }

  async function refresh() {
    try {
      render((await api.checkpoints(id))?.checkpoints ?? []);
    } catch (e) {
      replace(box, el('span', { class: 'muted', text: `Could not load the checkpoints: ${e.message}` }));
    }
  }

  return { box, refresh };
}
