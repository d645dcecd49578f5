#!/usr/bin/env python3
"""MLflow logging benchmark: mlplab's MLflow API beside a local `mlflow server`, in one run.

    bench/mlflow_log.py [--mlplab .build/release/mlplab] [--mlflow-venv .venv-bench-mlflow]
                        [--client-venv .venv-mlflow] [--seconds 5] [--batches 50]

Runs itself under the client venv (mlflow-skinny; scripts/mlflow-test makes it) and measures,
against each server on a free loopback port with a fresh database:
  1. log_batch of 1,000 metrics through MlflowClient: median and p95 over --batches calls
     (the client's own time included: building the protobuf, JSON, one HTTP request);
  2. the same body POSTed raw on one keep-alive connection (the server's share);
  3. metric points per second from four concurrent client processes, each calling log_batch
     with 1,000 metrics for --seconds seconds on its own run; then the same with four raw HTTP
     clients posting ready-made bodies (what the server takes when the clients are not the limit);
  4. the server's CPU time per log_batch of 1,000 (from /proc, so other load on the machine
     does not count).
The comparison server is `mlflow server --backend-store-uri sqlite:///...` from a separate
venv (`python3 -m venv .venv-bench-mlflow && .venv-bench-mlflow/bin/pip install mlflow`);
without it only mlplab is measured. Targets (issue 13): median <= 20 ms, >= 20,000 points/s.
Not part of CI.
"""
import argparse, http.client, json, multiprocessing, os, statistics, subprocess, sys, tempfile, time, urllib.request

from local_service import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wait_up(url, proc, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.args}")
        try:
            urllib.request.urlopen(url + "/api/2.0/mlflow/experiments/get?experiment_id=0", timeout=1).read()
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer: {url}")


def metrics(n, step0=0):
    from mlflow.entities import Metric
    ts = int(time.time() * 1000)
    return [Metric(f"m{i % 20}", float(i), ts, step0 + i // 20) for i in range(n)]


def latency(url, batches):
    from mlflow import MlflowClient
    client = MlflowClient(url)
    exp = client.create_experiment(f"bench-latency-{time.time()}")
    run = client.create_run(exp).info.run_id
    times = []
    for b in range(batches + 3):
        batch = metrics(1000, b * 50)
        t = time.perf_counter()
        client.log_batch(run, metrics=batch)
        if b >= 3:                                   # the first calls warm caches and connections
            times.append((time.perf_counter() - t) * 1000)
    # The same body raw, on one keep-alive connection: the server's share of a call.
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    raw = []
    for b in range(batches + 3):
        ts = int(time.time() * 1000)
        body = json.dumps({"run_id": run, "metrics": [{"key": f"m{i % 20}", "value": float(i), "timestamp": ts,
                                                        "step": 100_000 + b * 50 + i // 20} for i in range(1000)]})
        t = time.perf_counter()
        conn.request("POST", "/api/2.0/mlflow/runs/log-batch", body, {"Content-Type": "application/json"})
        res = conn.getresponse()
        res.read()
        assert res.status == 200, res.status
        if b >= 3:
            raw.append((time.perf_counter() - t) * 1000)
    return times, raw


def worker(url, seconds, out):
    from mlflow import MlflowClient
    client = MlflowClient(url)
    run = client.create_run("0").info.run_id
    points, step, deadline = 0, 0, time.time() + seconds
    while time.time() < deadline:
        client.log_batch(run, metrics=metrics(1000, step))
        points += 1000
        step += 50
    out.put(points)


def raw_worker(url, seconds, out):
    from mlflow import MlflowClient
    run = MlflowClient(url).create_run("0").info.run_id
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    ts = int(time.time() * 1000)
    bodies = [json.dumps({"run_id": run, "metrics": [{"key": f"m{i % 20}", "value": float(i), "timestamp": ts,
                                                       "step": b * 50 + i // 20} for i in range(1000)]}) for b in range(20)]
    points, b, deadline = 0, 0, time.time() + seconds
    while time.time() < deadline:
        conn.request("POST", "/api/2.0/mlflow/runs/log-batch", bodies[b % 20], {"Content-Type": "application/json"})
        res = conn.getresponse()
        res.read()
        assert res.status == 200, res.status
        points += 1000
        b += 1
    out.put(points)


def cpu_ms(pid):
    """User + system CPU time in ms of a process, its threads, and (when it leads a process
    group, as `mlflow server` does here with its workers) every process of its group."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[2]) == pid:       # fields[2]: the process group
            total += int(fields[11]) + int(fields[12])
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_per_batch(url, pid, batches=50):
    from mlflow import MlflowClient
    run = MlflowClient(url).create_run("0").info.run_id
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    ts = int(time.time() * 1000)
    bodies = [json.dumps({"run_id": run, "metrics": [{"key": f"m{i % 20}", "value": float(i), "timestamp": ts,
                                                       "step": 10_000 + b * 50 + i // 20} for i in range(1000)]}) for b in range(batches)]
    before = cpu_ms(pid)
    for body in bodies:
        conn.request("POST", "/api/2.0/mlflow/runs/log-batch", body, {"Content-Type": "application/json"})
        conn.getresponse().read()
    return (cpu_ms(pid) - before) / batches


def throughput(url, seconds, clients=4, target=worker):
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=target, args=(url, seconds, out)) for _ in range(clients)]
    t = time.perf_counter()
    for p in procs:
        p.start()
    total = sum(out.get() for _ in procs)
    for p in procs:
        p.join()
    return total / (time.perf_counter() - t)


def measure(name, url, pid, args):
    times, raw = latency(url, args.batches)
    rate = throughput(url, args.seconds)
    raw_rate = throughput(url, args.seconds, target=raw_worker)
    cpu = cpu_per_batch(url, pid)
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
    print(f"{name:8s} log_batch(1000): client median {statistics.median(times):7.1f} ms, p95 {q(times, 0.95):7.1f} ms"
          f" | raw POST median {statistics.median(raw):6.1f} ms | server CPU {cpu:6.1f} ms"
          f" | 4 mlflow clients {rate:7.0f} points/s | 4 raw clients {raw_rate:7.0f} points/s", flush=True)
    return statistics.median(raw), raw_rate


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mlplab", default=os.path.join(ROOT, ".build/release/mlplab"))
    ap.add_argument("--mlflow-venv", default=os.path.join(ROOT, ".venv-bench-mlflow"))
    ap.add_argument("--client-venv", default=os.path.join(ROOT, ".venv-mlflow"))
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--batches", type=int, default=50)
    args = ap.parse_args()
    client_python = os.path.join(args.client_venv, "bin", "python")
    if os.path.realpath(sys.prefix) != os.path.realpath(args.client_venv) and os.path.exists(client_python):
        os.execv(client_python, [client_python, *sys.argv])   # run under the venv that has mlflow-skinny

    tmp = tempfile.mkdtemp()
    servers = []
    try:
        port = free_port()
        mlplab = subprocess.Popen([args.mlplab, "serve", "--host", "127.0.0.1", "--port", str(port),
                                   "--database", f"{tmp}/mlplab.sqlite3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append(mlplab)
        wait_up(f"http://127.0.0.1:{port}", mlplab)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        ours = measure("mlplab", f"http://127.0.0.1:{port}", mlplab.pid, args)
        mlplab.terminate()
        mlplab.wait()

        mlflow_bin = os.path.join(args.mlflow_venv, "bin", "mlflow")
        if os.path.exists(mlflow_bin):
            port = free_port()
            server = subprocess.Popen([mlflow_bin, "server", "--host", "127.0.0.1", "--port", str(port),
                                       "--backend-store-uri", f"sqlite:///{tmp}/mlflow.db",
                                       "--default-artifact-root", f"{tmp}/artifacts"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            servers.append(server)
            wait_up(f"http://127.0.0.1:{port}", server)
            theirs = measure("mlflow", f"http://127.0.0.1:{port}", server.pid, args)
            print(f"mlplab/mlflow: latency {theirs[0] / ours[0]:.1f}x lower, throughput {ours[1] / theirs[1]:.1f}x higher")
        else:
            print(f"no {mlflow_bin}: skipped the mlflow server comparison")
        print(f"targets (raw POST median, raw clients): median <= 20 ms: {'met' if ours[0] <= 20 else 'MISSED'}; "
              f">= 20,000 points/s: {'met' if ours[1] >= 20_000 else 'MISSED'}")
    finally:
        for s in servers:
            if s.poll() is None:
                try:
                    os.killpg(s.pid, 15) if s is not servers[0] else s.terminate()
                except ProcessLookupError:
                    pass
                s.wait()


if __name__ == "__main__":
    main()
