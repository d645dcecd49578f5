// The dashboard shell: hash routing and the health line in the header.
// Routes: #/ (runs), #/runs/7 (one run), #/compare?ids=3,5 (overlay), #/submit (new run).
import { api } from './api.js';
import { el, replace, notice } from './dom.js';
import { mountRuns } from './runs.js';
import { mountRunView } from './run-view.js';
import { mountCompare } from './compare.js';
import { mountSubmit } from './submit.js';

const main = document.getElementById('main');
let cleanup = null;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

function route() {
  const { parts, params } = parseHash();
  if (parts.length === 0 || (parts[0] === 'runs' && parts.length === 1)) return { name: 'runs', mount: mountRuns };
  if (parts[0] === 'runs' && parts.length === 2 && /^\d+$/.test(parts[1])) {
    return { name: 'runs', mount: (c) => mountRunView(c, Number(parts[1])) };
  }
  if (parts[0] === 'compare' && parts.length === 1) {
    const ids = (params.get('ids') || '').split(',').filter((s) => /^\d+$/.test(s)).map(Number);
    return { name: 'compare', mount: (c) => mountCompare(c, ids) };
  }
  if (parts[0] === 'submit' && parts.length === 1) return { name: 'submit', mount: mountSubmit };
  return {
    name: null,
    mount: (c) => replace(c, el('h1', { text: 'Page not found' }),
      notice('error', 'No page at ', el('code', { text: location.hash }), '. ', el('a', { href: '#/', text: 'Back to the runs' }))),
  };
}

function render() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const r = route();
  document.title = 'mlplab';
  for (const a of document.querySelectorAll('nav a[data-route]')) {
    if (a.dataset.route === r.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = el('div', { class: 'view' });
  replace(main, view);
  try {
    cleanup = r.mount(view) ?? null;
  } catch (e) {
    replace(view, notice('error', `This page failed to render: ${e.message}`));
    console.error(e);
  }
}

async function health() {
  const node = document.getElementById('health');
  try {
    const h = await api.health();
    node.className = 'health health-ok';
    node.textContent = `v${h.version ?? '?'} · ${h.workers ?? '?'} workers · ${h.running ?? 0} running · ${h.queued ?? 0} queued`;
  } catch (e) {
    node.className = 'health health-down';
    node.textContent = e.status === 503 ? 'server busy' : 'server unreachable';
  }
}

window.addEventListener('hashchange', () => { render(); main.focus({ preventScroll: true }); });
render();
health();
setInterval(() => { if (!document.hidden) health(); }, 5000);
