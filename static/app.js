// The dashboard shell: hash routing and the health line in the header.
// Routes: #/ (runs; ?sweep=2 filters), #/runs/7 (one run), #/runs/7/metrics (any run's logged metrics),
// #/compare?ids=3,5 (overlay), #/submit (new run), #/sweeps (list and new sweep), #/sweeps/2 (one sweep).
import { api, hasToken, downloadWithToken } from './api.js';
import { el, replace, notice } from './dom.js';

// Each view's modules load when the view is first shown, so the first page fetches only its own.
const views = {
  runs: () => import('./runs.js').then((m) => m.mountRuns),
  run: () => import('./run-view.js').then((m) => m.mountRunView),
  metrics: () => import('./metrics-view.js').then((m) => m.mountMetricsView),
  compare: () => import('./compare.js').then((m) => m.mountCompare),
  submit: () => import('./submit.js').then((m) => m.mountSubmit),
  sweeps: () => import('./sweeps.js').then((m) => m.mountSweeps),
  sweep: () => import('./sweep-view.js').then((m) => m.mountSweepView),
};

// Download links (epochs CSV, weights, a sweep's table) send the kept token too: without it they
// would get 401 where reads need one.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[download]') : null;
  if (!link || link.protocol === 'blob:' || link.origin !== location.origin || !hasToken()) return;
  event.preventDefault();
  downloadWithToken(link).catch((e) => link.after(notice('error', `Download failed: ${e.message}`)));
});

const main = document.getElementById('main');
let cleanup = null, renders = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

function route() {
  const { parts, params } = parseHash();
  if (parts.length === 0 || (parts[0] === 'runs' && parts.length === 1)) {
    const sweep = params.get('sweep');
    return { name: 'runs', load: views.runs, args: [sweep && /^\d+$/.test(sweep) ? Number(sweep) : null] };
  }
  if (parts[0] === 'runs' && parts.length === 2 && /^\d+$/.test(parts[1])) {
    return { name: 'runs', load: views.run, args: [Number(parts[1])] };
  }
  if (parts[0] === 'runs' && parts.length === 3 && /^\d+$/.test(parts[1]) && parts[2] === 'metrics') {
    return { name: 'runs', load: views.metrics, args: [Number(parts[1])] };
  }
  if (parts[0] === 'compare' && parts.length === 1) {
    const ids = (params.get('ids') || '').split(',').filter((s) => /^\d+$/.test(s)).map(Number);
    return { name: 'compare', load: views.compare, args: [ids] };
  }
  if (parts[0] === 'submit' && parts.length === 1) return { name: 'submit', load: views.submit, args: [] };
  if (parts[0] === 'sweeps' && parts.length === 1) return { name: 'sweeps', load: views.sweeps, args: [] };
  if (parts[0] === 'sweeps' && parts.length === 2 && /^\d+$/.test(parts[1])) {
    return { name: 'sweeps', load: views.sweep, args: [Number(parts[1])] };
  }
  return {
    name: null, args: [],
    load: async () => (c) => replace(c, el('h1', { text: 'Page not found' }),
      notice('error', 'No page at ', el('code', { text: location.hash }), '. ', el('a', { href: '#/', text: 'Back to the runs' }))),
  };
}

async function render() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const mine = ++renders;
  const r = route();
  document.title = 'mlplab';
  for (const a of document.querySelectorAll('nav a[data-route]')) {
    if (a.dataset.route === r.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = el('div', { class: 'view' });
  replace(main, view);
  try {
    const mount = await r.load();
    if (mine !== renders) return;   // the reader moved on while the module loaded
    cleanup = mount(view, ...r.args) ?? null;
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
// Dark mode follows the system live: the view is drawn again, its charts in the new colours.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => render());
render();
health();
setInterval(() => { if (!document.hidden) health(); }, 5000);
