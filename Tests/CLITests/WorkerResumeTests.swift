import App
import Foundation
import Store
import Testing
import TestSupport
import Training
import Wire

/// kill -9 of a remote worker mid-run: a worker-like client in this process trains epochs 1-3
/// and posts each with its checkpoint and predictions as `mlplab worker` does, then stops
/// without an end; the run is queued again, the next job's `mlplab worker` reads the checkpoint
/// of epoch 3 and resumes at epoch 4, and the run ends with the rows, checkpoints, weights and
/// stored predictions of the same spec trained uninterrupted by the service's own thread, bit for bit.
@Suite(.serialized) struct WorkerResumeTests {
    let jobs = WorkerCommandTests()
    /// Dropout and Adam: resuming needs the random streams and the optimizer's buffers and steps.
    static let spec = #"""
        {"name": "resume", "epochs": 5, "batch_size": 16, "seed": 11, "model": {"hidden": [8], "dropout": 0.2},
         "optimizer": {"type": "adam", "lr": 0.01}}
        """#

    /// Posts each epoch of a run trained in this process, as RemoteObserver does.
    final class PostingObserver: TrainingObserver {
        let port: Int, runID: Int64, attempt: Int, token: String, engine: String
        private(set) var stored: [Int] = []
        private(set) var failures: [String] = []
        init(port: Int, runID: Int64, attempt: Int, token: String, engine: String) {
            (self.port, self.runID, self.attempt, self.token, self.engine) = (port, runID, attempt, token, engine)
        }
        var wantsCheckpoints: Bool { true }
        var shouldStop: Bool { !failures.isEmpty }
        func batchFinished(epoch: Int, batch: Int, batches: Int) {}
        func epochFinished(_ result: EpochResult) {
            do {
                let message = WorkerMessage.Epoch(attempt: attempt, result: result, engine: engine)
                let response = try TestHTTPClient.request(port: port, "POST", "/api/worker/runs/\(runID)/epoch",
                                                          body: String(decoding: try WireJSON.encode(message), as: UTF8.self),
                                                          headers: ["Authorization": "Bearer \(token)"])
                if try response.json(WorkerMessage.Ack.self).stored { stored.append(result.epoch) }
            } catch { failures.append("epoch \(result.epoch): \(error)") }
        }
    }

    static func stable(_ rows: [EpochRow]) -> [EpochRow] {
        rows.map { var r = $0; (r.trainSeconds, r.evalSeconds, r.samplesPerSecond) = (nil, nil, nil); return r }
    }

    @Test func killedWorker_newJobResumesFromItsCheckpoint_runEqualsUninterruptedLocalRun() throws {
        let (local, localPort) = try jobs.service(workers: 1)
        defer { local.stop() }
        let localAdmin = try Tokens(store: local.store).create(name: "a", scope: .admin).token
        let reference = try jobs.submit(localPort, token: localAdmin, spec: Self.spec)
        while try local.store.run(id: reference)?.status.isFinal != true { usleep(20_000) }
        #expect(try local.store.run(id: reference)?.status == .finished)

        let (remote, port) = try jobs.service(workers: 0)
        defer { remote.stop() }
        let admin = try Tokens(store: remote.store).create(name: "a", scope: .admin).token
        let id = try jobs.submit(port, token: admin, spec: Self.spec)

        // The first job: takes up the run, trains and posts epochs 1-3, and dies without an end.
        let first = try jobs.lease(remote)
        let token = try String(contentsOfFile: first.tokenFile, encoding: .utf8)
        let assignment = try TestHTTPClient.request(port: port, "POST", "/api/worker/runs/\(id)/start", body: #"{"attempt": 1}"#,
                                                    headers: ["Authorization": "Bearer \(token)"])
            .json(WorkerMessage.Assignment<RunSpec>.self)
        let splits = try DatasetCache(directories: [jobs.cli.work.appendingPathComponent("data").path], mirror: nil).splits("mnist")
        let trainer = try Trainer(spec: assignment.spec, train: splits.train, test: splits.test)
        let observer = PostingObserver(port: port, runID: id, attempt: 1, token: token, engine: trainer.backend.name)
        try trainer.run(epochs: 3, observer: observer)
        #expect(observer.failures == [] && observer.stored == [1, 2, 3])
        #expect(try remote.store.checkpoints(runID: id).last?.epoch == 3)

        // Its job is lost: the run is queued again, noting where it resumes, and leased to a second job.
        #expect(try remote.store.requeueLost(runID: id, attempt: 1, note: "job lost"))
        #expect(try remote.store.run(id: id)?.note == "job lost; resumes at epoch 4 from the checkpoint of epoch 3")
        let second = try jobs.lease(remote)
        #expect(second.id == id && second.attempt == 2)
        let result = try jobs.cli.run(["worker", "--server", "http://127.0.0.1:\(port)", "--run", "\(id)", "--attempt", "2",
                                       "--token-file", second.tokenFile, "--data", "data"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("run \(id) resumes at epoch 4 from the checkpoint of epoch 3"), "\(result.stdout)")
        #expect(result.stdout.contains("run \(id) finished"))

        // Bit for bit the uninterrupted local run: rows, the checkpoints kept (latest and best), weights, predictions.
        let run = try #require(try remote.store.run(id: id))
        #expect(run.status == .finished && run.epochsDone == 5)
        #expect(Self.stable(try remote.store.epochs(runID: id)) == Self.stable(try local.store.epochs(runID: reference)))
        let kept = try remote.store.checkpoints(runID: id)
        #expect(kept == (try local.store.checkpoints(runID: reference)) && kept.last?.epoch == 5)
        for info in kept {
            let mine = try remote.store.checkpoint(runID: id, epoch: info.epoch)
            let theirs = try local.store.checkpoint(runID: reference, epoch: info.epoch)
            #expect(mine != nil && mine == theirs, "epoch \(info.epoch)")
        }
        for epoch in ["latest", "best"] {
            let weights = try TestHTTPClient.request(port: port, "GET", "/api/runs/\(id)/weights?epoch=\(epoch)")
            let localWeights = try TestHTTPClient.request(port: localPort, "GET", "/api/runs/\(reference)/weights?epoch=\(epoch)")
            #expect(weights.status == 200 && weights.body == localWeights.body, "\(epoch)")
        }
        let stored = try remote.store.predictionEpochs(runID: id), localStored = try local.store.predictionEpochs(runID: reference)
        #expect(stored.stored == localStored.stored && stored.best == localStored.best && stored.stored.last == 5)
        for epoch in stored.stored {
            let mine = try remote.store.predictions(runID: id, epoch: epoch)
            let theirs = try local.store.predictions(runID: reference, epoch: epoch)
            #expect(mine != nil && mine == theirs, "epoch \(epoch)")
        }
    }

    @Test func epochOverTheBodyLimit_isSentAgainWithoutItsCheckpoint_runFinishesWithEveryRow() throws {
        // The service's body limit between the sizes of an epoch message without and with its checkpoint.
        jobs.cli.writeTinyMNIST()
        let splits = try DatasetCache(directories: [jobs.cli.work.appendingPathComponent("data").path], mirror: nil).splits("mnist")
        let trainer = try Trainer(spec: try RunSpec.decode(Array(WorkerCommandTests.spec.utf8)), train: splits.train, test: splits.test)
        let result = try #require(try trainer.run(epochs: 1, observer: PostingObserver(port: 0, runID: 0, attempt: 1, token: "",
                                                                                            engine: "")).first)
        var message = WorkerMessage.Epoch(attempt: 1, result: result, engine: trainer.backend.name)
        let full = try WireJSON.encode(message).count
        (message.checkpoint, message.predictions) = (nil, nil)
        let bare = try WireJSON.encode(message).count
        let (remote, port) = try jobs.service(workers: 0, bodyLimit: (full + bare) / 2)
        defer { remote.stop() }
        let admin = try Tokens(store: remote.store).create(name: "a", scope: .admin).token
        let id = try jobs.submit(port, token: admin)
        let held = try jobs.lease(remote)
        let worker = try jobs.cli.run(["worker", "--server", "http://127.0.0.1:\(port)", "--run", "\(id)", "--attempt", "1",
                                       "--token-file", held.tokenFile, "--data", "data"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stderr.contains("epoch 1 sent again without its checkpoint"), "\(worker.stderr)")
        #expect(try remote.store.run(id: id)?.status == .finished && (try remote.store.epochs(runID: id).count) == 3)
        #expect(try remote.store.checkpoints(runID: id).isEmpty)
    }
}
