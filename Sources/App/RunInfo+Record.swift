import Store
import Training
import Wire

extension Run where Spec == RunSpec {
    /// The run object for a stored row: its decoded spec, where it is now (live progress while
    /// it trains), and, for `GET /api/runs/{id}`, its layer table and latest epoch.
    init(_ r: RunRecord, spec: RunSpec?, live: Progress?, layers: [LayerRow]? = nil, latest: EpochRow? = nil,
         overrides: JSONValue? = nil) {
        let done = r.status == .finished ? 1 : Double(r.epochsDone) / Double(max(1, r.epochsTotal))
        self.init(id: r.id, name: r.name, status: r.status, dataset: r.dataset, modelType: r.modelType, spec: spec,
                  createdAt: r.createdAt, device: r.device, epochsTotal: r.epochsTotal,
                  progress: live ?? Progress(epoch: r.epochsDone, batch: 0, batches: 0, fraction: done))
        source = r.source
        (startedAt, finishedAt, error, note) = (r.startedAt, r.finishedAt, r.error, r.note)
        (parameters, worker, epochsDone, cancelRequested) = (r.parameters, r.worker, r.epochsDone, r.cancelRequested)
        (testAccuracy, aucMacro, bestTestAccuracy) = (r.testAccuracy, r.aucMacro, r.bestTestAccuracy)
        (trainSecondsTotal, wallSeconds, self.layers, self.latest) = (r.trainSecondsTotal, r.wallSeconds, layers, latest)
        (sweepId, self.overrides, engine) = (r.sweepID, overrides, r.engine)
    }
}
