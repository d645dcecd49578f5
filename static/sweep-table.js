// A sweep's configuration table: one row per configuration (its swept values), the objective,
// test accuracy and AUC as mean ± std over its seeds, and its runs. Any column sorts.
import { el, table } from './dom.js';
import { formatMetric, meanStd, metricLabel } from './metrics.js';

/** The swept parameters of a sweep's configurations (seed aside): [{key, numeric, log}]. */
export function sweepParams(configs) {
  const keys = [];
  for (const c of configs) for (const k of Object.keys(c.overrides ?? {})) if (k !== 'seed' && !keys.includes(k)) keys.push(k);
  return keys.map((key) => {
    const values = configs.map((c) => c.overrides?.[key]).filter((v) => v !== undefined);
    const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
    const positive = numeric && values.every((v) => v > 0);
    const spread = positive ? Math.max(...values) / Math.min(...values) : 1;
    const log = positive && (/(^|\.)(lr|learning_rate|weight_decay)$/.test(key) || spread >= 100);
    return { key, numeric, log };
  });
}

/** A parameter's value as text: numbers to 4 significant digits, the rest as JSON. */
export const paramText = (v) => (v === undefined ? '—' : typeof v === 'number' ? String(Number(v.toPrecision(4))) : typeof v === 'string' ? v : JSON.stringify(v));

const compare = (a, b) => {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;    // missing values last, either way round
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
};

/**
 * The table. sort: {key: 'rank' | 'param:<path>' | 'objective' | 'test_accuracy' | 'auc_macro', dir: 1 | -1};
 * onSort(key) is called when a header's button is pressed.
 */
export function configTable(sweep, sort, onSort) {
  const configs = (sweep.configurations ?? []).map((c, i) => ({ ...c, rank: i + 1 }));
  const params = sweepParams(configs);
  const value = (c, key) => {
    if (key === 'rank') return c.rank;
    if (key.startsWith('param:')) return c.overrides?.[key.slice(6)];
    return c[key]?.mean;
  };
  const sign = sort.dir < 0 ? -1 : 1;
  const rows = configs.slice().sort((a, b) => {
    const va = value(a, sort.key), vb = value(b, sort.key);
    if (va === undefined || va === null || vb === undefined || vb === null) return compare(va, vb);
    return sign * compare(va, vb) || a.rank - b.rank;
  });
  const head = (key, label) => ({
    sort: sort.key === key ? (sort.dir < 0 ? 'descending' : 'ascending') : null,
    head: el('button', { type: 'button', class: 'sort', dataset: { sort: key }, onclick: () => onSort(key) },
      label, el('span', { 'aria-hidden': 'true', class: 'sort-mark', text: sort.key === key ? (sort.dir < 0 ? '▼' : '▲') : '' })),
  });
  const stat = (key, metric) => (c) => el('span', { dataset: { mean: c[key]?.mean ?? '' },
    title: c[key]?.n ? `n ${c[key].n}, min ${formatMetric(metric, c[key].min)}, max ${formatMetric(metric, c[key].max)}` : null,
    text: meanStd(metric, c[key]) });
  const columns = [
    { ...head('rank', 'Rank'), class: 'num', cell: (c) => String(c.rank) },
    ...params.map((p) => ({ ...head(`param:${p.key}`, p.key), class: p.numeric ? 'num param' : 'param',
      cell: (c) => paramText(c.overrides?.[p.key]) })),
    { ...head('objective', `${metricLabel(sweep.metric ?? 'objective')} (${sweep.goal ?? '?'})`), class: 'num objective',
      cell: stat('objective', sweep.metric) },
    { ...head('test_accuracy', 'Test accuracy'), class: 'num', cell: stat('test_accuracy', 'test_accuracy') },
    { ...head('auc_macro', 'AUC macro'), class: 'num', cell: stat('auc_macro', 'auc_macro') },
    { head: 'Seeds', class: 'num', cell: (c) => String(c.objective?.n ?? 0) },
    { head: 'Runs', class: 'nowrap', cell: (c) => [
      (c.run_ids ?? []).map((id, i) => [i ? ' ' : null, el('a', { href: `#/runs/${id}`, text: `#${id}` })]),
      (c.run_ids ?? []).length > 1 ? [' · ', el('a', { href: `#/compare?ids=${c.run_ids.join(',')}`, text: 'compare',
        'aria-label': `Compare the runs of configuration ${c.rank}` })] : null] },
  ];
  return table(columns, rows, {
    caption: `${configs.length} configuration${configs.length === 1 ? '' : 's'}: mean ± standard deviation over seeds; rank 1 is the best ${metricLabel(sweep.metric ?? 'objective')}`,
    rowAttrs: (c) => ({ dataset: { key: c.key ?? '', rank: String(c.rank) } }),
  });
}
