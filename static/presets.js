// The lab's preset specs, copied from shared/bench/specs/*.json (keep in step with them).

/** {id, label, group, spec}; the first is the editor's default. */
export const PRESETS = [
  { id: "seed-mlp", label: "Seed MLP", group: "model", file: "seed-mlp.json",
    spec: {"name": "seed-mlp", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9}, "loss": "cross_entropy", "epochs": 10, "batch_size": 32, "seed": 10} },
  { id: "deep-mlp", label: "Deeper MLP", group: "model", file: "deep-mlp.json",
    spec: {"name": "deep-mlp", "dataset": "mnist", "model": {"type": "mlp", "hidden": [196, 100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9}, "loss": "cross_entropy", "epochs": 5, "batch_size": 32, "seed": 10} },
  { id: "mse-mlp", label: "MSE MLP", group: "model", file: "mse-mlp.json",
    spec: {"name": "mse-mlp", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9}, "loss": "mse", "epochs": 5, "batch_size": 32, "seed": 10} },
  { id: "mixer", label: "MLP-Mixer", group: "model", file: "mixer.json",
    spec: {"name": "mixer", "dataset": "mnist", "model": {"type": "mixer", "patch": 7, "dim": 64, "depth": 4, "token_hidden": 64, "channel_hidden": 256}, "optimizer": {"type": "adam", "lr": 0.001}, "loss": "cross_entropy", "epochs": 5, "batch_size": 128, "seed": 10} },
  { id: "resmlp", label: "ResMLP", group: "model", file: "resmlp.json",
    spec: {"name": "resmlp", "dataset": "mnist", "model": {"type": "resmlp", "patch": 7, "dim": 64, "depth": 4, "channel_hidden": 256, "layerscale": 0.1}, "optimizer": {"type": "adam", "lr": 0.001}, "loss": "cross_entropy", "epochs": 5, "batch_size": 128, "seed": 10} },
  { id: "vip", label: "ViP", group: "model", file: "vip.json",
    spec: {"name": "vip", "dataset": "mnist", "model": {"type": "vip", "patch": 4, "dim": 63, "depth": 4, "channel_hidden": 252}, "optimizer": {"type": "adam", "lr": 0.001}, "loss": "cross_entropy", "epochs": 5, "batch_size": 128, "seed": 10} },
  { id: "opt-adam", label: "Adam", group: "optimizer", file: "opt-adam.json",
    spec: {"name": "opt-adam", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "adam", "lr": 0.001}, "loss": "cross_entropy", "epochs": 5, "batch_size": 32, "seed": 10} },
  { id: "opt-adam-lr0.01", label: "Adam, lr 0.01", group: "optimizer", file: "opt-adam-lr0.01.json",
    spec: {"name": "opt-adam-lr0.01", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.99}, "loss": "cross_entropy", "epochs": 5, "batch_size": 32, "seed": 10} },
  { id: "opt-rmsprop", label: "RMSprop", group: "optimizer", file: "opt-rmsprop.json",
    spec: {"name": "opt-rmsprop", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "rmsprop", "lr": 0.01, "alpha": 0.9}, "loss": "cross_entropy", "epochs": 5, "batch_size": 32, "seed": 10} },
  { id: "opt-adagrad", label: "Adagrad", group: "optimizer", file: "opt-adagrad.json",
    spec: {"name": "opt-adagrad", "dataset": "mnist", "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}, "optimizer": {"type": "adagrad", "lr": 0.01}, "loss": "cross_entropy", "epochs": 5, "batch_size": 32, "seed": 10} },
];

export const DEFAULT_PRESET = PRESETS[0];
