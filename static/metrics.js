// The metrics an epoch row can carry (docs/API.md, GET /api/runs/{id}/epochs): labels and formats,
// shared by the run view, the compare overlay and the sweep views.
import { pct, auc, loss, int, seconds } from './dom.js';

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const rate = (x) => (isNum(x) ? String(Number(x.toPrecision(4))) : '—');

/** key -> {label, format (value -> text), chart ('percent' | 'number'), better ('max' | 'min' | null)} */
export const METRICS = {
  test_accuracy: { label: 'test accuracy', format: pct, chart: 'percent', better: 'max' },
  test_loss: { label: 'test loss', format: loss, chart: 'number', better: 'min' },
  validation_accuracy: { label: 'validation accuracy', format: pct, chart: 'percent', better: 'max' },
  validation_loss: { label: 'validation loss', format: loss, chart: 'number', better: 'min' },
  validation_auc_macro: { label: 'validation AUC macro', format: auc, chart: 'number', better: 'max' },
  train_accuracy: { label: 'train accuracy', format: pct, chart: 'percent', better: 'max' },
  train_loss: { label: 'train loss', format: loss, chart: 'number', better: 'min' },
  auc_macro: { label: 'test AUC macro', format: auc, chart: 'number', better: 'max' },
  auc_micro: { label: 'test AUC micro', format: auc, chart: 'number', better: 'max' },
  learning_rate: { label: 'learning rate', format: rate, chart: 'number', better: null },
  samples_per_second: { label: 'samples per second', format: int, chart: 'number', better: null },
  train_seconds: { label: 'train time (s)', format: seconds, chart: 'number', better: null },
  eval_seconds: { label: 'eval time (s)', format: seconds, chart: 'number', better: null },
};

export const metricLabel = (key) => METRICS[key]?.label ?? key.replace(/_/g, ' ');
export const formatMetric = (key, x) => (METRICS[key]?.format ?? ((v) => (isNum(v) ? String(Number(v.toPrecision(5))) : '—')))(x);
export const metricChart = (key) => METRICS[key]?.chart ?? 'number';

/** The numeric keys (other than `epoch`) present in any of the rows, in the order of METRICS. */
export function metricsIn(rows) {
  const seen = new Set();
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'epoch' && isNum(v)) seen.add(k);
  const known = Object.keys(METRICS).filter((k) => seen.has(k));
  return [...known, ...[...seen].filter((k) => !(k in METRICS)).sort()];
}

/** "mean ± std" of a {n, mean, std} summary in a metric's format; the std alone in the same units. */
export function meanStd(key, s) {
  if (!s || !isNum(s.mean)) return '—';
  if (!isNum(s.std) || (s.n ?? 0) < 2) return formatMetric(key, s.mean);
  return `${formatMetric(key, s.mean)} ± ${formatMetric(key, s.std)}`;
}
