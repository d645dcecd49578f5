#!/usr/bin/env python3
"""What checkpoints cost: trains specs/seed-mlp.json (10 epochs) on `mlplab serve` and reads the
worker's per-epoch log line (checkpoint bytes, capture, encode and transaction milliseconds, the
epoch's train + eval time), then the database's growth over the run.

    python3 bench/checkpoint_cost.py [SPEC] [--epochs N]

Goals (issue 10): a checkpoint adds at most 10% to an epoch; a 10-epoch run grows the database
by less than 5 MB. The machine may be shared: every figure comes from the same run. Not in CI.
"""
import argparse, json, os, re, sqlite3, sys

from local_service import LocalService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = re.compile(r"run (\d+) epoch (\d+) stored: checkpoint (\d+) bytes, capture ([\d.]+) ms, encode ([\d.]+) ms, "
                  r"transaction ([\d.]+) ms; epoch ([\d.]+) ms")


def db_bytes(path):
    c = sqlite3.connect(path)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()
    return os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec", nargs="?", default=os.path.join(ROOT, "specs/seed-mlp.json"))
    ap.add_argument("--epochs", type=int)
    a = ap.parse_args()
    spec = json.load(open(a.spec))
    if a.epochs:
        spec["epochs"] = a.epochs
    service = LocalService(prefix="mlplab-ckpt-cost-")
    log, db = service.log, service.database
    try:
        empty = db_bytes(db)
        run = service.train(spec)
        full = db_bytes(db)
        c = sqlite3.connect(db)
        kept, kept_bytes = c.execute("SELECT COUNT(*), SUM(length(data)) FROM checkpoints").fetchone()
        c.close()
    finally:
        service.stop()
    rows = [tuple(map(float, m.groups())) for m in LINE.finditer(open(log).read())]
    print(f"{spec['name']}: {run['status']}, engine {run.get('engine')}, {len(rows)} epochs")
    print(f"{'epoch':>5} {'epoch ms':>9} {'ckpt bytes':>10} {'capture':>8} {'encode':>7} {'txn':>7} {'ckpt/epoch':>10} "
          f"{'ckpt+txn/epoch':>14}")
    for _, e, size, cap, enc, txn, epoch in rows:
        print(f"{int(e):>5} {epoch:>9.1f} {int(size):>10} {cap:>8.2f} {enc:>7.2f} {txn:>7.2f} "
              f"{100 * (cap + enc) / epoch:>9.2f}% {100 * (cap + enc + txn) / epoch:>13.2f}%")
    ep = sum(r[6] for r in rows)
    ck = sum(r[3] + r[4] for r in rows)
    tx = sum(r[5] for r in rows)
    print(f"total: epochs {ep / 1000:.2f} s, checkpoint capture+encode {ck:.1f} ms ({100 * ck / ep:.2f}%), "
          f"epoch transactions (row, curves, matrix, checkpoint) {tx:.1f} ms ({100 * tx / ep:.2f}%); "
          f"all of it {100 * (ck + tx) / ep:.2f}% of epoch time (goal <= 10%)")
    print(f"database: {empty / 1e6:.3f} MB empty -> {full / 1e6:.3f} MB after {len(rows)} epochs: growth "
          f"{(full - empty) / 1e6:.3f} MB (goal < 5 MB); {kept} checkpoints kept, {kept_bytes / 1e6:.3f} MB")


if __name__ == "__main__":
    sys.exit(main())
