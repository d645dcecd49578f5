// The REST client (docs/API.md). Every failure becomes an ApiError carrying the API's
// {code, message, field}; `field` is normalised to null when the server names none.

export class ApiError extends Error {
  constructor(status, { code, message, field } = {}) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || (status ? `http_${status}` : 'network');
    this.field = field || null;
  }
}

// Tokens (docs/API.md, "Auth"): when the service answers 401, ask for a token once (however many
// requests were refused together), keep it in localStorage and send it as a Bearer header from then on.
const TOKEN_KEY = 'mlplab.token';
const storedToken = () => { try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; } };
let asking = null;
function askToken(message) {
  asking ??= Promise.resolve().then(() => {
    const token = (window.prompt(`${message}\nPaste an mlplab token (mlplab token create NAME):`, '') || '').trim();
    try { if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY); } catch { /* private mode */ }
    return token;
  }).finally(() => { asking = null; });
  return asking;
}

export const hasToken = () => storedToken() !== '';

// A download link (<a download href="/api/...">) cannot send a header, so where reads need a token
// (auth_reads) the dashboard fetches the file with it and saves what came back under the link's name.
export async function downloadWithToken(link) {
  let res;
  try {
    res = await fetch(link.href, { headers: { Authorization: `Bearer ${storedToken()}` } });
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: `cannot reach the server (${e.message})` });
  }
  if (!res.ok) {
    let err = { message: res.statusText };
    try { err = (await res.json()).error ?? err; } catch { /* not JSON */ }
    throw new ApiError(res.status, err);
  }
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: link.download }).click();   // detached: no bubbling
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// An <img src> cannot send a header either: with a token kept, the image is fetched with it and
// shown from a blob URL (released once it has loaded); without one, src is the path itself.
export function showImage(img, path) {
  const token = storedToken();
  if (!token) { img.src = path; return; }
  fetch(path, { headers: { Authorization: `Bearer ${token}` } })
    .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(res.statusText))))
    .then((blob) => {
      const url = URL.createObjectURL(blob);
      img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
      img.src = url;
    })
    .catch(() => { img.alt = `${img.alt} (not loaded)`; });
}

async function request(method, path, body, contentType = 'application/json', retried = false) {
  const init = { method, headers: { Accept: 'application/json' } };
  const token = storedToken();
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: `cannot reach the server (${e.message})` });
  }
  if (res.status === 401 && !retried) {
    const refused = await res.text();
    let reason = 'This mlplab server needs a token.';
    try { reason = JSON.parse(refused).error?.message ?? JSON.parse(refused).message ?? reason; } catch { /* not JSON */ }
    if (await askToken(reason)) return request(method, path, body, contentType, true);
    throw new ApiError(401, { code: 'unauthorized', message: reason });
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) {
    const err = data && typeof data.error === 'object' && data.error ? data.error
      : data && data.error_code ? { code: data.error_code, message: data.message }
      : { message: text.trim().slice(0, 300) || res.statusText };
    throw new ApiError(res.status, err);
  }
  if (data === null && text) throw new ApiError(res.status, { code: 'bad_response', message: 'the server sent something other than JSON' });
  return data;
}

const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, v);
  const str = s.toString();
  return str ? `?${str}` : '';
};
const runPath = (id) => `/api/runs/${encodeURIComponent(id)}`;

export const api = {
  health: () => request('GET', '/api/health'),
  /** params: status, model, dataset, name, sweep, source, sort, limit, after -> {runs, next} */
  listRuns: (params = {}) => request('GET', `/api/runs${q(params)}`),
  run: (id) => request('GET', runPath(id)),
  epochs: (id) => request('GET', `${runPath(id)}/epochs`),
  roc: (id, epoch) => request('GET', `${runPath(id)}/roc${q({ epoch })}`),
  confusion: (id, epoch) => request('GET', `${runPath(id)}/confusion${q({ epoch })}`),
  /** A few training images as the run's spec augments them -> {shape, images, labels} */
  augmented: (id, count) => request('GET', `${runPath(id)}/augmented${q({ count })}`),
  /** params: epoch (latest|best|N), label, predicted, wrong -> {epoch, best_epoch, total, predictions} */
  predictions: (id, params = {}) => request('GET', `${runPath(id)}/predictions${q(params)}`),
  datasetImageUrl: (name, split, index) =>
    `/api/datasets/${encodeURIComponent(name)}/${encodeURIComponent(split)}/${encodeURIComponent(index)}.png`,
  /** png: a Blob of image/png; the server reduces it to 28 x 28 -> {epoch, predictions: [{predicted, probabilities}]} */
  predictPNG: (id, png, epoch) => request('POST', `${runPath(id)}/predict${q({ epoch })}`, png, 'image/png'),
  cancel: (id) => request('POST', `${runPath(id)}/cancel`),
  remove: (id) => request('DELETE', runPath(id)),
  /** body: the spec as JSON text (sent as typed, so the server's errors match the editor). */
  submit: (specText) => request('POST', '/api/runs', specText),
  epochsCsvUrl: (id) => `${runPath(id)}/epochs?format=csv`,
  epochsJsonUrl: (id) => `${runPath(id)}/epochs`,
  runJsonUrl: (id) => runPath(id),
  // EventSource cannot send headers: the stream takes the token as ?access_token=.
  eventsUrl: (id) => `${runPath(id)}/events${q({ access_token: storedToken() })}`,
  /** -> {run_id, checkpoints: [{epoch, latest, best, score, bytes}]} */
  checkpoints: (id) => request('GET', `${runPath(id)}/checkpoints`),
  weightsUrl: (id, epoch) => `${runPath(id)}/weights${q({ epoch })}`,
  listSweeps: () => request('GET', '/api/sweeps'),
  sweep: (id) => request('GET', `/api/sweeps/${encodeURIComponent(id)}`),
  /** body: the sweep spec as JSON text, as typed. */
  createSweep: (specText) => request('POST', '/api/sweeps', specText),
  cancelSweep: (id) => request('POST', `/api/sweeps/${encodeURIComponent(id)}/cancel`),
  removeSweep: (id) => request('DELETE', `/api/sweeps/${encodeURIComponent(id)}`),
  sweepCsvUrl: (id) => `/api/sweeps/${encodeURIComponent(id)}?format=csv`,
  // MLflow's tracking API (docs/API.md, "MLflow"): any run's params, tags and metrics by key and step.
  mlflowRun: (id) => request('GET', `/api/2.0/mlflow/runs/get${q({ run_id: id })}`).then((r) => r.run),
  metricHistory: (id, key) => request('GET', `/api/2.0/mlflow/metrics/get-history${q({ run_id: id, metric_key: key })}`)
    .then((r) => r.metrics ?? []),
};
