import App
import Foundation
import Logging
import Store
import Testing
import TestSupport
import Training
import Wire

/// `mlplab worker` as a real process against a real service in this process: it trains a
/// leased run and reports over HTTP; its rows equal those of the same spec trained by the
/// service's own threads; a repeated epoch is stored once; an old attempt is refused and stops.
@Suite(.serialized) struct WorkerCommandTests {
    let cli = CLITests()
    static let spec = #"{"name": "remote", "epochs": 3, "batch_size": 16, "seed": 7, "model": {"hidden": [8]}}"#

    /// A service on a free loopback port with tokens on; `workers: 0` leaves runs for remote workers.
    func service(workers: Int, bodyLimit: Int? = nil) throws -> (Service, Int) {
        cli.writeTinyMNIST()
        var config = ServiceConfig()
        (config.host, config.port, config.workers) = ("127.0.0.1", 0, workers)
        config.databasePath = cli.work.appendingPathComponent("s\(workers).sqlite3").path
        config.migrationsDirectory = CLITests.repo.appendingPathComponent("migrations").path
        config.staticDirectory = CLITests.repo.appendingPathComponent("static").path
        config.openAPIPath = nil
        config.dataDirectories = [cli.work.appendingPathComponent("data").path]
        config.auth = AuthSettings(tokens: true)
        if let bodyLimit {                                  // the worker routes' own limit too
            config.limits.body = bodyLimit
            config.limits.bodyByPrefix = config.limits.bodyByPrefix.mapValues { _ in bodyLimit }
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let service = try Service(config: config, logger: logger)
        return (service, try service.start())
    }

    func submit(_ port: Int, token: String, spec: String = Self.spec) throws -> Int64 {
        try TestHTTPClient.request(port: port, "POST", "/api/runs", body: spec,
                                   headers: ["Authorization": "Bearer \(token)"]).json(RunInfo.self).id
    }

    func epochs(_ port: Int, _ id: Int64, token: String) throws -> [EpochRow] {
        try TestHTTPClient.request(port: port, "GET", "/api/runs/\(id)/epochs").json(Epochs.self).epochs
    }

    /// Claims the queued run for a remote worker as an executor does: its lease and a run token in a file.
    func lease(_ service: Service) throws -> (id: Int64, attempt: Int, tokenFile: String) {
        let run = try #require(try service.store.claimNextQueued(worker: 0))
        let attempt = try service.store.lease(runID: run.id, executor: "remote")
        let token = try Tokens(store: service.store).create(name: "job-\(run.id)-\(attempt)", scope: .run(run.id)).token
        return (run.id, attempt, cli.write(token, "token-\(run.id)-\(attempt)"))
    }

    @Test func worker_trainsLeasedRun_rowsEqualThreads_tokenDiesWithIt() throws {
        let (threads, threadsPort) = try service(workers: 1)
        defer { threads.stop() }
        let admin = try Tokens(store: threads.store).create(name: "a", scope: .admin).token
        let reference = try submit(threadsPort, token: admin)
        while try threads.store.run(id: reference)?.status.isFinal != true { usleep(20_000) }

        let (remote, port) = try service(workers: 0)
        defer { remote.stop() }
        let token = try Tokens(store: remote.store).create(name: "a", scope: .admin).token
        let id = try submit(port, token: token)
        let held = try lease(remote)
        #expect(held.id == id && held.attempt == 1)
        let result = try cli.run(["worker", "--server", "http://127.0.0.1:\(port)", "--run", "\(id)", "--attempt", "1",
                                  "--token-file", held.tokenFile, "--data", "data"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("run \(id) finished"))
        let run = try #require(try remote.store.run(id: id))
        #expect(run.status == .finished && run.epochsDone == 3 && run.engine != nil)
        func stable(_ rows: [EpochRow]) -> [EpochRow] {
            rows.map { var r = $0; (r.trainSeconds, r.evalSeconds, r.samplesPerSecond) = (nil, nil, nil); return r }
        }
        let remoteRows = try epochs(port, id, token: token), threadRows = try epochs(threadsPort, reference, token: admin)
        #expect(remoteRows.count == 3 && stable(remoteRows) == stable(threadRows))
        #expect(try remote.store.tokens().first { $0.scope == "run:\(id)" }?.revokedAt != nil)
    }

    @Test func epochSentTwice_isStoredOnce_oldAttemptIsRefusedAndStops() throws {
        let (remote, port) = try service(workers: 0)
        defer { remote.stop() }
        let admin = try Tokens(store: remote.store).create(name: "a", scope: .admin).token
        let id = try submit(port, token: admin)
        let first = try lease(remote)
        let token = try String(contentsOfFile: first.tokenFile, encoding: .utf8)
        var row = EpochRow(epoch: 1)
        row.testAccuracy = 0.5
        let message = WorkerMessage.Epoch(attempt: first.attempt, row: row, curves: [], confusion: [], engine: "test")
        let body = String(decoding: try WireJSON.encode(message), as: UTF8.self)
        let headers = ["Authorization": "Bearer \(token)"]
        let once = try TestHTTPClient.request(port: port, "POST", "/api/worker/runs/\(id)/epoch", body: body, headers: headers)
        let twice = try TestHTTPClient.request(port: port, "POST", "/api/worker/runs/\(id)/epoch", body: body, headers: headers)
        #expect(try once.json(WorkerMessage.Ack.self).stored == true)
        #expect(try twice.json(WorkerMessage.Ack.self).stored == false)
        #expect(try epochs(port, id, token: admin).count == 1)

        // The run is handed to a newer attempt (a re-queue): the old worker is refused and stops with status 3.
        _ = try remote.store.lease(runID: id, executor: "remote")
        let stale = try TestHTTPClient.request(port: port, "POST", "/api/worker/runs/\(id)/epoch", body: body, headers: headers)
        #expect(stale.status == 409)
        let result = try cli.run(["worker", "--server", "http://127.0.0.1:\(port)", "--run", "\(id)", "--attempt", "1",
                                  "--token-file", first.tokenFile, "--data", "data"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("no longer this worker's"))
    }

    @Test func cancel_stopsTheWorker_runEndsCancelled() throws {
        let (remote, port) = try service(workers: 0)
        defer { remote.stop() }
        let admin = try Tokens(store: remote.store).create(name: "a", scope: .admin).token
        let slow = #"{"name": "slow", "epochs": 200, "batch_size": 4, "model": {"hidden": [8]}}"#
        let id = try TestHTTPClient.request(port: port, "POST", "/api/runs", body: slow,
                                            headers: ["Authorization": "Bearer \(admin)"]).json(RunInfo.self).id
        let held = try lease(remote)
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["worker", "--server", "http://127.0.0.1:\(port)", "--run", "\(id)", "--token-file", held.tokenFile,
                             "--data", "data"]
        process.currentDirectoryURL = cli.work
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try remote.store.run(id: id)?.epochsDone ?? 0) < 1 { usleep(20_000) }
        _ = try TestHTTPClient.request(port: port, "POST", "/api/runs/\(id)/cancel", headers: ["Authorization": "Bearer \(admin)"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let run = try #require(try remote.store.run(id: id))
        #expect(run.status == .cancelled && run.epochsDone < 200)
    }
}
