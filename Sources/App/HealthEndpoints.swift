import Server
import Training
import Store
import Wire

/// GET /api/health.
struct HealthEndpoints: Sendable {
    let store: RunStore
    let workers: Int, gpuWorkers: Int

    func register(on router: inout Router) {
        router.add("GET", "/api/health") { _, _ in
            let counts = try store.counts()
            return .json(Health(status: "ok", version: Service.version, workers: workers,
                                queued: counts["queued"] ?? 0, running: counts["running"] ?? 0, devices: Devices.list,
                                gpuUnavailable: Devices.gpuUnavailable, gpuWorkers: gpuWorkers))
        }
    }
}
