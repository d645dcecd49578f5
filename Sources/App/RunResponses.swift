import Foundation
import Models
import Store
import Training

/// Where a running run is inside its current epoch (kept in memory, not in SQLite).
public struct Progress: Codable, Sendable, Equatable {
    public var epoch: Int
    public var batch: Int
    public var batches: Int
    /// Fraction of the whole run done, 0...1.
    public var fraction: Double
}

/// The run object of docs/API.md.
struct RunResponse: Encodable {
    let id: Int64
    let name: String
    let status: RunStatus
    let dataset: String
    let modelType: String
    let spec: RunSpec?
    let createdAt: String
    let startedAt: String?
    let finishedAt: String?
    let error: String?
    let note: String?
    let parameters: Int?
    let device: String
    let worker: Int?
    let epochsTotal: Int
    let epochsDone: Int
    let cancelRequested: Bool
    let progress: Progress
    let testAccuracy: Double?
    let aucMacro: Double?
    let bestTestAccuracy: Double?
    let trainSecondsTotal: Double
    /// Only in GET /api/runs/{id}.
    let layers: [Model.LayerRow]?
    let latest: EpochRecord?

    init(_ r: RunRecord, spec: RunSpec?, live: Progress?, detail: (layers: [Model.LayerRow]?, latest: EpochRecord?)? = nil) {
        (id, name, status, dataset, modelType) = (r.id, r.name, r.status, r.dataset, r.modelType)
        self.spec = spec
        (createdAt, startedAt, finishedAt, error, note) = (r.createdAt, r.startedAt, r.finishedAt, r.error, r.note)
        (parameters, device, worker, epochsTotal, epochsDone) = (r.parameters, r.device, r.worker, r.epochsTotal, r.epochsDone)
        cancelRequested = r.cancelRequested
        let done = r.status == .finished ? 1 : Double(r.epochsDone) / Double(max(1, r.epochsTotal))
        progress = live ?? Progress(epoch: r.epochsDone, batch: 0, batches: 0, fraction: done)
        (testAccuracy, aucMacro, bestTestAccuracy, trainSecondsTotal) = (r.testAccuracy, r.aucMacro, r.bestTestAccuracy, r.trainSecondsTotal)
        layers = detail?.layers
        latest = detail?.latest
    }
}

struct RunListResponse: Encodable {
    let runs: [RunResponse]
    let next: String?
}

struct EpochsResponse: Encodable {
    let runId: Int64
    let epochs: [EpochRecord]
}

struct CurvesResponse: Encodable {
    let runId: Int64
    let epoch: Int
    let curves: [CurveRecord]
}

struct ConfusionResponse: Encodable {
    let runId: Int64
    let epoch: Int
    let labels: [Int]
    let matrix: [[Int]]
}

struct HealthResponse: Encodable {
    let status: String
    let version: String
    let workers: Int
    let queued: Int
    let running: Int
}

/// The payload of an SSE `status` event.
struct StatusEvent: Encodable {
    let status: RunStatus
    let error: String?
}
