#!/usr/bin/env python3
"""Service benchmark: start-up time, memory at rest, GET throughput and list latency.

    bench/service.py [--skip-build] [--runs 10000]

Starts `mlplab serve` on a free port with a fresh database in a temporary folder, then measures:
  1. start to first answer of GET /api/health;
  2. resident memory at rest (VmRSS), before and after the load below;
  3. GET /api/runs/1 with `wrk -t2 -c50 -d5s` (Debian's wrk) while no run trains;
  4. p50/p95 of GET /api/runs?sort=-test_accuracy&limit=50 over N stored runs (rows inserted
     straight into SQLite with Python's sqlite3, so no training is queued), 500 requests on one
     keep-alive connection;
  5. a GET answered while 1,000 idle connections are held open.
Prints one line per figure. Needs MNIST (MLPLAB_DATA, default ../shared/data) for the one tiny
run that gives GET /api/runs/1 something to return. Not part of CI.
"""
import argparse, http.client, json, os, random, re, socket, sqlite3, statistics, subprocess, tempfile, time

from local_service import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--runs", type=int, default=10_000)
    a = ap.parse_args()
    if not a.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "mlplab"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="mlplab-bench-")
    db, port = os.path.join(work, "bench.sqlite3"), free_port()
    env = dict(os.environ)
    env.setdefault("MLPLAB_DATA", os.path.normpath(os.path.join(ROOT, "..", "shared", "data")))
    t0 = time.perf_counter()
    server = subprocess.Popen([os.path.join(ROOT, ".build/release/mlplab"), "serve", "--port", str(port),
                               "--database", db, "--workers", "1"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/api/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.002)
        print(f"start to first answer: {(time.perf_counter() - t0) * 1000:.0f} ms")
        time.sleep(0.5)
        print(f"resident memory at rest: {rss_mb(server.pid):.1f} MB")

        c = http.client.HTTPConnection("127.0.0.1", port)
        spec = {"name": "tiny", "epochs": 1, "train_samples": 500, "test_samples": 200, "model": {"hidden": [16]}}
        c.request("POST", "/api/runs", body=json.dumps(spec), headers={"Content-Type": "application/json"})
        rid = json.loads(c.getresponse().read())["id"]
        while True:
            c.request("GET", f"/api/runs/{rid}")
            if json.loads(c.getresponse().read())["status"] in ("finished", "failed"):
                break
            time.sleep(0.05)
        out = subprocess.run(["wrk", "-t2", "-c50", "-d5s", f"http://127.0.0.1:{port}/api/runs/{rid}"],
                             capture_output=True, text=True).stdout
        rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
        print(f"GET /api/runs/{{id}}, wrk -t2 -c50 -d5s: {float(rps.group(1)):,.0f} requests/s" if rps else out)

        conn = sqlite3.connect(db)
        rng = random.Random(1)
        rows = [(f"bench-{i}", "finished", "mnist", "mlp", "{}", "2026-01-01T00:00:00Z", 10, 10,
                 rng.random(), rng.random(), 87390, "cpu") for i in range(a.runs)]
        conn.executemany("""INSERT INTO runs (name, status, dataset, model_type, spec_json, created_at, epochs_total,
                            epochs_done, test_accuracy, auc_macro, parameters, device) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                         rows)
        conn.commit()
        conn.close()
        times = []
        for _ in range(500):
            s = time.perf_counter()
            c.request("GET", "/api/runs?sort=-test_accuracy&limit=50")
            body = c.getresponse().read()
            times.append((time.perf_counter() - s) * 1000)
        assert len(json.loads(body)["runs"]) == 50
        times.sort()
        print(f"GET /api/runs?sort=-test_accuracy&limit=50 over {a.runs + 1} runs: p50 {statistics.median(times):.2f} ms,"
              f" p95 {times[int(len(times) * 0.95)]:.2f} ms")
        print(f"resident memory after the load: {rss_mb(server.pid):.1f} MB")

        idle = []
        for _ in range(1000):
            sock = socket.create_connection(("127.0.0.1", port))
            idle.append(sock)
        s = time.perf_counter()
        c2 = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c2.request("GET", "/api/health")
        status = c2.getresponse().status
        print(f"with 1,000 idle connections open: GET /api/health -> {status} in {(time.perf_counter() - s) * 1000:.1f} ms,"
              f" resident memory {rss_mb(server.pid):.1f} MB")
        for sock in idle:
            sock.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
