import Server
import Training
import Wire

/// A remote run's checkpoints: each epoch message carries one, checked before it is stored
/// with its row; a worker taking up a run that has one reads the latest back and resumes after it.
extension WorkerEndpoints {
    /// GET .../checkpoint?attempt=N: the run's latest checkpoint as stored, the whole training
    /// state (safetensors: weights, optimizer buffers and steps, random streams, the epoch), for
    /// the worker holding the run. Unlike GET /api/runs/{id}/weights (the weights only), it needs
    /// the run's token even without `auth_reads`.
    /// - Throws: 400 naming `attempt`; 409 when that attempt does not hold the run; 404 naming
    ///   `checkpoint` when the run has none yet (the worker trains from epoch 1).
    func checkpoint(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        guard let text = request.query["attempt"], let attempt = Int(text), attempt > 0 else {
            throw APIError(.invalidSpec, "attempt must be a positive integer: the attempt this worker holds", field: "attempt")
        }
        _ = try held(id, attempt: attempt)
        guard let (epoch, data) = try store.latestCheckpoint(runID: id) else {
            throw APIError(.notFound, "run \(id) has no checkpoint yet: train from epoch 1", field: "checkpoint")
        }
        var response = HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: .bytes(data))
        response.headers.add("Content-Disposition", "attachment; filename=\"run-\(id)-epoch-\(epoch)-checkpoint.safetensors\"")
        return response
    }

    /// An epoch message's checkpoint bytes, checked: a readable checkpoint taken after that epoch
    /// (one stored under another epoch would resume a later worker at the wrong place).
    /// - Throws: 400 naming `checkpoint`.
    static func checkpoint(of message: WorkerMessage.Epoch) throws -> [UInt8]? {
        guard let bytes = message.checkpoint?.bytes else { return nil }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(decoding: bytes) } catch {
            throw APIError(.invalidSpec, error.description, field: "checkpoint")
        }
        guard checkpoint.epoch == message.row.epoch else {
            let taken = checkpoint.epoch.map { "after epoch \($0)" } ?? "without an epoch"
            throw APIError(.invalidSpec, "the checkpoint was taken \(taken), not after epoch \(message.row.epoch)", field: "checkpoint")
        }
        return bytes
    }
}
