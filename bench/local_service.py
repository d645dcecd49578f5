"""A throwaway `mlplab serve` for the benchmarks: .build/release/mlplab on a free loopback port,
with its database and log in a fresh temporary folder and MNIST from MLPLAB_DATA (default
../shared/data). Imported by bench/auc_check.py, export_check.py and checkpoint_cost.py.

    service = LocalService(prefix="mlplab-auc-")   # or Client("http://host:8080") for a running one
    run = service.train(spec)                      # POST /api/runs, then poll until it ends
    weights = service.call("GET", f"/api/runs/{run['id']}/weights", raw=True)
    service.stop()
"""
import json, os, socket, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """Calls to a running mlplab service."""

    def __init__(self, url):
        self.url = url.rstrip("/")

    def call(self, method, path, body=None, raw=False):
        """The decoded JSON answer (the bytes with raw)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
        with urllib.request.urlopen(req, timeout=600) as r:
            payload = r.read()
        return payload if raw else json.loads(payload)

    def train(self, spec):
        """Submits the spec and returns the run once it is no longer queued or running."""
        run = self.call("POST", "/api/runs", spec)
        while run["status"] in ("queued", "running"):
            time.sleep(0.5)
            run = self.call("GET", f"/api/runs/{run['id']}")
        return run

    def stop(self):
        """Nothing to stop: the service is not ours."""


class LocalService(Client):
    """A service of our own, started here and stopped by stop()."""

    def __init__(self, prefix="mlplab-bench-", workers=1):
        self.folder = tempfile.mkdtemp(prefix=prefix)
        self.database, self.log = os.path.join(self.folder, "db.sqlite3"), os.path.join(self.folder, "log")
        port = free_port()
        super().__init__(f"http://127.0.0.1:{port}")
        env = dict(os.environ)
        env.setdefault("MLPLAB_DATA", os.path.join(ROOT, "..", "shared", "data"))
        self.proc = subprocess.Popen([os.path.join(ROOT, ".build/release/mlplab"), "serve", "--port", str(port),
                                      "--database", self.database, "--workers", str(workers)], cwd=ROOT, env=env,
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                self.call("GET", "/api/health")
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise SystemExit(f"mlplab serve did not start: {open(self.log).read()[-2000:]}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
