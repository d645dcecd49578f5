import App
import Foundation
import Store
import Testing
import TestSupport
import Training
import Wire

/// The worker endpoints' checkpoints: an epoch's checkpoint is stored with its row, a run
/// token reads its own run's latest checkpoint (the whole training state) and nothing of
/// another run's, and an epoch whose checkpoint or predictions do not fit is a 400 naming the
/// field that stores nothing.
@Suite(.serialized) struct WorkerEndpointsTests {
    static let spec = #"{"name": "w", "epochs": 2, "batch_size": 32, "model": {"hidden": [8], "dropout": 0.1}, "optimizer": {"type": "adam"}}"#

    /// Keeps each epoch's checkpoint, as a worker's observer asks.
    final class Checkpoints: TrainingObserver {
        var wantsCheckpoints: Bool { true }
        var shouldStop: Bool { false }
        func batchFinished(epoch: Int, batch: Int, batches: Int) {}
        func epochFinished(_ result: EpochResult) {}
    }

    func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    /// A service with no worker threads and two runs leased to remote workers, each with its run token.
    func twoLeasedRuns() throws -> (h: ServiceHarness, runs: [(id: Int64, token: String)], admin: String) {
        let h = try ServiceHarness(workers: 0, auth: AuthSettings(tokens: true))
        let tokens = Tokens(store: h.service.store)
        let admin = try tokens.create(name: "a", scope: .admin).token
        var runs: [(Int64, String)] = []
        for _ in 0..<2 {
            let id = try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(admin)).json(RunInfo.self).id
            let claimed = try #require(try h.service.store.claimNextQueued(worker: 0))
            #expect(claimed.id == id)
            #expect(try h.service.store.lease(runID: id, executor: "remote") == 1)
            runs.append((id, try tokens.create(name: "job-\(id)", scope: .run(id)).token))
        }
        return (h, runs, admin)
    }

    /// Epoch 1 of the spec trained here, with its checkpoint.
    func firstEpoch(_ h: ServiceHarness) throws -> EpochResult {
        let splits = try DatasetCache(directories: [h.directory], mirror: nil).splits("mnist")
        let trainer = try Trainer(spec: try RunSpec.decode(Array(Self.spec.utf8)), train: splits.train, test: splits.test)
        return try #require(try trainer.run(epochs: 1, observer: Checkpoints()).first)
    }

    func post(_ h: ServiceHarness, _ id: Int64, _ message: WorkerMessage.Epoch, token: String) throws -> TestHTTPClient.Response {
        try h.request("POST", "/api/worker/runs/\(id)/epoch", body: String(decoding: try WireJSON.encode(message), as: UTF8.self),
                      headers: bearer(token))
    }

    @Test func runPage_showsTheLeasesJob_andNoneForARunNeverLeased() throws {
        let (h, runs, admin) = try twoLeasedRuns()
        try h.service.store.setJob(runID: runs[1].id, attempt: 1, jobID: "4711", state: "RUNNING")
        #expect(try h.service.store.lease(runID: runs[1].id, executor: "slurm") == 2)
        try h.service.store.setJob(runID: runs[1].id, attempt: 2, jobID: "4712", state: "PENDING")
        let first = try h.request("GET", "/api/runs/\(runs[0].id)", headers: bearer(admin)).json(RunInfo.self)
        #expect(first.job == RunJob(executor: "remote", attempt: 1, jobId: nil, state: nil, retries: 0))
        let second = try h.request("GET", "/api/runs/\(runs[1].id)", headers: bearer(admin)).json(RunInfo.self)
        #expect(second.job == RunJob(executor: "slurm", attempt: 2, jobId: "4712", state: "PENDING", retries: 0))
        let plain = try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(admin)).json(RunInfo.self).id
        let unleased = try h.request("GET", "/api/runs/\(plain)", headers: bearer(admin))
        #expect(unleased.status == 200)
        #expect(try unleased.json(RunInfo.self).job == nil)
        #expect(try h.request("GET", "/api/runs/999", headers: bearer(admin)).status == 404)
    }

    @Test func runToken_readsItsOwnRunsCheckpoint_anotherRunsIs403() throws {
        let (h, runs, admin) = try twoLeasedRuns()
        let (a, b) = (runs[0], runs[1])
        let result = try firstEpoch(h)
        let checkpoint = try #require(result.checkpoint).encoded()
        let stored = try post(h, a.id, WorkerMessage.Epoch(attempt: 1, result: result, engine: "test"), token: a.token)
        #expect(try stored.json(WorkerMessage.Ack.self).stored)
        #expect(try h.service.store.checkpoint(runID: a.id, epoch: 1) == checkpoint)
        #expect(try h.service.store.predictions(runID: a.id, epoch: 1)?.scores == result.report.scores)

        let own = try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=1", headers: bearer(a.token))
        #expect(own.status == 200 && own.body == checkpoint)
        #expect(try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=1", headers: bearer(b.token)).status == 403)
        #expect(try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=1").status == 401)   // even without auth_reads
        #expect(try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=1", headers: bearer(admin)).status == 200)
        let none = try h.request("GET", "/api/worker/runs/\(b.id)/checkpoint?attempt=1", headers: bearer(b.token))
        #expect(none.status == 404 && none.field == "checkpoint")
        #expect(try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=2", headers: bearer(a.token)).status == 409)
        let bad = try h.request("GET", "/api/worker/runs/\(a.id)/checkpoint?attempt=x", headers: bearer(a.token))
        #expect(bad.status == 400 && bad.field == "attempt")

        // The public weights are the parameters alone: no optimizer buffers, no random streams.
        let weights = try SafeTensors(decoding: try h.request("GET", "/api/runs/\(a.id)/weights?epoch=latest").body)
        let full = try SafeTensors(decoding: checkpoint)
        #expect(weights.tensors.count < full.tensors.count && !weights.metadata.keys.contains { $0.hasPrefix("rng.") })
        #expect(full.metadata.keys.contains("rng.dropout.0"))
    }

    @Test func epochWithBadCheckpointOrPredictions_is400NamingTheField_storesNothing() throws {
        let (h, runs, _) = try twoLeasedRuns()
        let run = runs[0]
        let result = try firstEpoch(h)
        let good = WorkerMessage.Epoch(attempt: 1, result: result, engine: "test")
        var cases: [(WorkerMessage.Epoch, String)] = []
        var garbage = good
        garbage.checkpoint = Base64Bytes(Array("not a safetensors file".utf8))
        cases.append((garbage, "checkpoint"))
        var otherEpoch = good
        otherEpoch.row.epoch = 2                    // the checkpoint says epoch 1
        cases.append((otherEpoch, "checkpoint"))
        var short = good
        short.predictions?.scores.bytes.removeLast()
        cases.append((short, "predictions.scores"))
        var label = good
        label.predictions?.labels.bytes[0] = 10
        cases.append((label, "predictions.labels"))
        for (message, field) in cases {
            let r = try post(h, run.id, message, token: run.token)
            #expect(r.status == 400 && r.field == field, "\(field): \(r.text)")
        }
        let notBase64 = String(decoding: try WireJSON.encode(good), as: UTF8.self)
            .replacingOccurrences(of: #""checkpoint":""#, with: #""checkpoint":"%%"#)
        let r = try h.request("POST", "/api/worker/runs/\(run.id)/epoch", body: notBase64, headers: bearer(run.token))
        #expect(r.status == 400 && r.field == "checkpoint", "\(r.text)")
        #expect(try h.service.store.epochs(runID: run.id).isEmpty)
        #expect(try h.service.store.checkpoints(runID: run.id).isEmpty)
        #expect(try post(h, run.id, good, token: run.token).json(WorkerMessage.Ack.self).stored)
    }
}

extension TestHTTPClient.Response {
    /// The field an error body names, if it is one.
    var field: String? { (try? json(ErrorBody.self))?.error.field }
}
