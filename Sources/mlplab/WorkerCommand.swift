import ArgumentParser
import Dispatch
import Foundation
import Training
import Wire

/// `mlplab worker --server URL --run ID --token-file F`: trains one run for a service on
/// another machine (a Slurm job's command): fetches the spec, finds the data set with the usual
/// lookup on this node, resumes after the run's latest checkpoint when it has one (a job before
/// this one was lost), trains with the same trainer, and reports each epoch with its checkpoint
/// over HTTP.
///
/// Exit status: 0 when the run ended (finished, failed, cancelled) and the service knows;
/// 3 when the run is no longer this worker's (it stops without reporting an end); 1 when the
/// service could not be reached for longer than `--patience`.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Train one run for a remote mlplab service.")

    @Option(help: "The mlplab service, e.g. http://head-node:8080.") var server: String
    @Option(name: .customLong("run"), help: "Run id.") var runID: Int64
    @Option(help: "A file holding the run's token (default $MLPLAB_TOKEN).") var tokenFile: String?
    @Option(help: "The attempt this worker holds (default: the run's current one).") var attempt: Int?
    @Option(help: "Seconds to keep retrying an unreachable service.") var patience: Double = 600
    @Option(help: "Threads for this run.") var threads = 1
    @Option(help: "Data directory searched first.") var data: String?
    @Option(help: "Configuration file (default ./config.json when present).") var config: String?

    func run() throws {
        do { try work() } catch let lost as WorkerLink.Lost {
            FileHandle.standardError.write(Data("mlplab worker: \(lost); stopping\n".utf8))
            throw ExitCode(3)
        }
    }

    private func work() throws {
        let client = HTTPClient(base: server, token: try ServerOption.token(file: tokenFile))
        let link = WorkerLink(client: client, runID: runID, patience: patience)
        let start = DispatchTime.now().uptimeNanoseconds
        let assignment = try link.send("start", WorkerMessage.Start(attempt: attempt),
                                       as: WorkerMessage.Assignment<RunSpec>.self)
        let spec = assignment.spec
        let observer = RemoteObserver(link: link, attempt: assignment.attempt, epochsTotal: spec.epochs)
        var status = RunStatus.finished, error: String?
        do {
            let settings = try Settings.resolve(configPath: config, flags: .init(data: data))
            let splits = try settings.datasets.splits(spec.dataset)
            let trainer = try Trainer(spec: spec, train: splits.train, test: splits.test, threads: threads)
            observer.engine = trainer.backend.name
            print("run \(runID) attempt \(assignment.attempt): \(spec.name), engine \(trainer.backend.name)")
            try resume(trainer, link: link, attempt: assignment.attempt)
            try trainer.run(observer: observer)
        } catch TrainingError.cancelled {
            if let failure = observer.failure { throw failure }
            status = .cancelled
        } catch let failure {
            (status, error) = (.failed, "\(failure)")
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        _ = try link.send("end", WorkerMessage.End(attempt: assignment.attempt, status: status, error: error, wallSeconds: wall),
                          as: WorkerMessage.Ack.self)
        if let first = observer.firstEpochAt { print(String(format: "first epoch acknowledged %.2f s after the start", first)) }
        print("run \(runID) \(status.rawValue)\(error.map { ": \($0)" } ?? "")")
    }

    /// Continues from the run's latest checkpoint, as a local worker thread does after a restart:
    /// the next epochs equal those of an uninterrupted run. One that does not fit this trainer is
    /// reported and the run trains from epoch 1 (the epochs already stored are acknowledged, not stored again).
    private func resume(_ trainer: Trainer, link: WorkerLink, attempt: Int) throws {
        guard let bytes = try link.latestCheckpoint(attempt: attempt) else { return }
        do {
            let checkpoint = try Checkpoint(decoding: bytes)
            try trainer.restore(checkpoint)
            print("run \(runID) resumes at epoch \(trainer.epochsDone + 1) from the checkpoint of epoch \(trainer.epochsDone)")
            fflush(nil)                      // the job log says so while the job runs, not only at its end
        } catch {
            FileHandle.standardError.write(Data("mlplab worker: cannot resume run \(runID) from its checkpoint (\(error)); training from epoch 1\n".utf8))
        }
    }
}
