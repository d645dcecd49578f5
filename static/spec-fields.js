// The spec's fields as the new-run form shows them: path, control, default, range and a one-line
// help. The ranges are the server's (RunSpec.validate, ModelSpec+Validation, OptimizerSpec); the
// server stays the judge, the form only guides.

const WIDTH = { min: 1, max: 65536, step: 1 };

/** Top-level fields, in the order the form shows them. */
export const GENERAL = [
  { path: 'name', label: 'Name', kind: 'text', def: 'run', help: '1–200 characters; shown in the runs table.' },
  { path: 'dataset', label: 'Data set', kind: 'select', def: 'mnist', options: [['mnist', 'MNIST'], ['fashion-mnist', 'Fashion-MNIST']],
    help: 'Handwritten digits, or Zalando\'s clothing images.' },
  { path: 'loss', label: 'Loss', kind: 'select', def: 'cross_entropy', options: [['cross_entropy', 'cross entropy'], ['mse', 'mean squared error']],
    help: 'MSE compares the softmax with the one-hot label.' },
  { path: 'epochs', label: 'Epochs', kind: 'number', def: 10, min: 1, max: 10000, step: 1, help: 'Passes over the training images, 1–10000.' },
  { path: 'batch_size', label: 'Batch size', kind: 'number', def: 32, min: 1, max: 65536, step: 1, help: 'Images per step, 1–65536; the last partial batch is kept.' },
  { path: 'seed', label: 'Seed', kind: 'number', def: 0, min: 0, step: 1, help: 'Same seed, same spec: bit-identical metrics.' },
  { path: 'train_samples', label: 'Training images', kind: 'number', def: 'all', min: 1, step: 1, help: 'Use only the first N training images (quick runs).' },
  { path: 'test_samples', label: 'Test images', kind: 'number', def: 'all', min: 1, step: 1, help: 'Use only the first N test images.' },
  { path: 'device', label: 'Device', kind: 'select', def: 'cpu', options: [['cpu', 'CPU']], help: 'Where to train; this build has a CPU backend only.' },
];

export const MODEL_TYPES = [['mlp', 'MLP'], ['mixer', 'MLP-Mixer'], ['resmlp', 'ResMLP'], ['vip', 'Vision Permutator (ViP)']];
export const OPTIMIZER_TYPES = [['sgd', 'SGD'], ['rmsprop', 'RMSprop'], ['adagrad', 'Adagrad'], ['adam', 'Adam'], ['adamw', 'AdamW']];

const PATCH = { path: 'model.patch', label: 'Patch side', kind: 'select', def: 7, numeric: true,
  options: [1, 2, 4, 7, 14, 28].map((n) => [n, `${n} × ${n}`]), help: 'Pixels per patch side; must divide 28.' };
const DIM = { path: 'model.dim', label: 'Channels (dim)', kind: 'number', def: 64, ...WIDTH, help: 'Channels per patch, 1–65536.' };
const DEPTH = { path: 'model.depth', label: 'Depth', kind: 'number', def: 4, min: 1, max: 256, step: 1, help: 'Blocks, 1–256.' };
const CHANNEL_HIDDEN = { path: 'model.channel_hidden', label: 'Channel MLP width', kind: 'number', def: '4 × dim', ...WIDTH,
  help: 'Hidden width of each block\'s channel MLP.' };
const DROPOUT = { path: 'model.dropout', label: 'Dropout', kind: 'range', def: 0, min: 0, max: 0.95, step: 0.05,
  help: 'Share of units dropped while training, in [0, 1).' };

/** The model's fields by model type. */
export const MODEL_FIELDS = {
  mlp: [
    { path: 'model.hidden', label: 'Hidden layers', kind: 'list', def: [100, 80], ...WIDTH, help: 'One width per hidden layer, 1–65536 each.' },
    { path: 'model.activation', label: 'Activation', kind: 'select', def: 'relu',
      options: [['relu', 'ReLU'], ['gelu', 'GELU (erf)'], ['tanh', 'tanh'], ['sigmoid', 'sigmoid']], help: 'Applied after every hidden layer.' },
    DROPOUT,
  ],
  mixer: [PATCH, DIM, DEPTH,
    { path: 'model.token_hidden', label: 'Token MLP width', kind: 'number', def: '2 × patches', ...WIDTH, help: 'Hidden width of the token-mixing MLP.' },
    CHANNEL_HIDDEN, DROPOUT],
  resmlp: [PATCH, DIM, DEPTH, CHANNEL_HIDDEN,
    { path: 'model.expansion', label: 'Expansion', kind: 'number', def: 'none', min: 1, step: 1,
      help: 'Channel MLP width as a multiple of dim; give this or the width, not both.' },
    { path: 'model.layerscale', label: 'Layer scale', kind: 'number', def: 0.1, min: 0, step: 'any', help: 'Initial layer-scale, > 0.' }],
  vip: [PATCH, { ...DIM, help: 'Channels per patch: a multiple of the patch grid side (28 / patch), ≥ 4.' }, DEPTH,
    { path: 'model.segments', label: 'Segments', kind: 'number', def: 'grid side', min: 1, step: 1, help: 'Must equal the patch grid side (28 / patch).' },
    CHANNEL_HIDDEN],
};

const LR = { path: 'optimizer.lr', label: 'Learning rate', kind: 'number', def: 0.01, min: 0, step: 'any', help: 'Step size, > 0.' };
const MOMENTUM = { path: 'optimizer.momentum', label: 'Momentum', kind: 'number', def: 0, min: 0, max: 0.999, step: 'any', help: 'In [0, 1).' };
const WD = (def) => ({ path: 'optimizer.weight_decay', label: 'Weight decay', kind: 'number', def, min: 0, step: 'any',
  help: 'L2 penalty (decoupled for AdamW), ≥ 0.' });
const EPS = (def) => ({ path: 'optimizer.eps', label: 'Epsilon', kind: 'number', def, min: 0, step: 'any', help: 'Added to the denominator, ≥ 0.' });
const BETAS = [
  { path: 'optimizer.beta1', label: 'β1', kind: 'number', def: 0.9, min: 0, max: 0.999, step: 'any', help: 'First-moment decay, in [0, 1).' },
  { path: 'optimizer.beta2', label: 'β2', kind: 'number', def: 0.999, min: 0, max: 0.9999, step: 'any', help: 'Second-moment decay, in [0, 1).' },
];

/** The optimizer's fields by optimizer type (PyTorch's defaults). */
export const OPTIMIZER_FIELDS = {
  sgd: [LR, MOMENTUM, { path: 'optimizer.nesterov', label: 'Nesterov momentum', kind: 'checkbox', def: false, help: 'Needs momentum > 0.' }, WD(0)],
  rmsprop: [LR, { path: 'optimizer.alpha', label: 'Alpha', kind: 'number', def: 0.99, min: 0, max: 0.999, step: 'any', help: 'Smoothing of the squared gradient, in [0, 1).' },
    EPS(1e-8), MOMENTUM, WD(0)],
  adagrad: [LR, { path: 'optimizer.lr_decay', label: 'Learning-rate decay', kind: 'number', def: 0, min: 0, step: 'any', help: '≥ 0.' },
    { path: 'optimizer.initial_accumulator', label: 'Initial accumulator', kind: 'number', def: 0, min: 0, step: 'any', help: 'Starting sum of squares, ≥ 0.' },
    EPS(1e-10), WD(0)],
  adam: [LR, ...BETAS, EPS(1e-8), WD(0)],
  adamw: [LR, ...BETAS, EPS(1e-8), WD(0.01)],
};

export const SCHEDULE_TYPES = [['constant', 'Constant'], ['step', 'Step decay'], ['cosine', 'Cosine (with warm-up)'], ['onecycle', 'One-cycle']];

/** The schedule's fields by schedule type (torch_reference.py's names and defaults). */
export const SCHEDULE_FIELDS = {
  constant: [],
  step: [
    { path: 'schedule.step_size', label: 'Step size (epochs)', kind: 'number', def: 'required', min: 1, step: 1, help: 'Epochs between decays, ≥ 1.' },
    { path: 'schedule.gamma', label: 'Gamma', kind: 'number', def: 0.1, min: 0, max: 1, step: 'any', help: 'Factor at each decay, in (0, 1].' }],
  cosine: [
    { path: 'schedule.warmup_epochs', label: 'Warm-up epochs', kind: 'number', def: 0, min: 0, step: 'any', help: 'Linear warm-up from lr/steps to lr, then cosine decay.' },
    { path: 'schedule.min_lr', label: 'Final learning rate', kind: 'number', def: 0, min: 0, step: 'any', help: 'Where the cosine ends, in [0, lr].' }],
  onecycle: [
    { path: 'schedule.pct_start', label: 'Rising share', kind: 'number', def: 0.3, min: 0, max: 1, step: 'any', help: 'Share of the steps spent rising to lr, in (0, 1).' },
    { path: 'schedule.div_factor', label: 'Start divisor', kind: 'number', def: 25, min: 1, step: 'any', help: 'Starts at lr / this, ≥ 1.' },
    { path: 'schedule.final_div_factor', label: 'Final divisor', kind: 'number', def: 10000, min: 1, step: 'any', help: 'Ends at the start rate / this, ≥ 1.' }],
};

/** The recipe's fields besides the schedule: regularisation and augmentation. */
export const RECIPE = [
  { path: 'validation', label: 'Validation images', kind: 'number', def: 0, min: 0, step: 1, help: 'Hold out the last N training images; evaluated each epoch.' },
  { path: 'label_smoothing', label: 'Label smoothing', kind: 'number', def: 0, min: 0, max: 0.99, step: 'any', help: 'Cross-entropy only, in [0, 1).' },
  { path: 'grad_clip', label: 'Gradient clip', kind: 'number', def: 'none', min: 0, step: 'any', help: 'Largest global gradient norm, > 0.' },
  { path: 'augment.rotate', label: 'Rotate (degrees)', kind: 'number', def: 0, min: 0, max: 180, step: 'any', help: 'Each image turned by up to ± this, every step.' },
  { path: 'augment.translate', label: 'Translate (share of side)', kind: 'number', def: 0, min: 0, max: 1, step: 'any', help: 'Each image shifted by up to ± this on each axis.' },
];

/** Every path a type change must drop: fields of the model (or optimizer) types not chosen. */
export function foreignPaths(table, chosen) {
  const mine = new Set((table[chosen] ?? []).map((f) => f.path));
  return [...new Set(Object.values(table).flat().map((f) => f.path))].filter((p) => !mine.has(p));
}

/** Reads a dotted path from a spec object. */
export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
}

/** Writes (or, with undefined, deletes) a dotted path, creating the parent object. */
export function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
    o = o[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last]; else o[last] = value;
}
