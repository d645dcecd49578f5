// The spec diff of the compare view: the fields (as dotted paths) whose values differ between
// the chosen runs, one column per run; fields every run shares are counted, not listed.
import { el, notice, table } from './dom.js';

/** {path: value} of a spec's leaves: {"optimizer": {"lr": 0.1}} -> {"optimizer.lr": 0.1}; lists stay whole. */
export function flatten(value, prefix = '', out = {}) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

const text = (v) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** [{path, values: [value per spec]}] of the paths whose values are not all the same; `name` aside. */
export function specDiff(specs) {
  const flat = specs.map((s) => flatten(s ?? {}));
  const paths = [...new Set(flat.flatMap((f) => Object.keys(f)))].filter((p) => p !== 'name').sort();
  const rows = paths.map((path) => ({ path, values: flat.map((f) => f[path]) }));
  return {
    differ: rows.filter((r) => new Set(r.values.map(text)).size > 1),
    same: rows.filter((r) => new Set(r.values.map(text)).size === 1).length,
  };
}

/** The diff as a table; runs: [{id, run}] in the compare view's order (and colours). */
export function specDiffTable(runs, swatch) {
  if (runs.length < 2) return notice('empty', 'Choose two or more runs to see how their specs differ.');
  const { differ, same } = specDiff(runs.map((r) => r.run.spec));
  if (differ.length === 0) return notice('empty', `The ${runs.length} specs are the same (${same} fields, names aside).`);
  return table([
    { head: 'Field', cell: (d) => el('code', { text: d.path }) },
    ...runs.map((r, i) => ({ head: [swatch(i), `#${r.id}`], cell: (d) => text(d.values[i]) })),
  ], differ, {
    caption: `${differ.length} field${differ.length === 1 ? '' : 's'} differ; ${same} ${same === 1 ? 'is' : 'are'} the same in every run (names aside)`,
    rowAttrs: (d) => ({ dataset: { path: d.path } }),
  });
}
