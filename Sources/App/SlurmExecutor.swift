import Dispatch
import Foundation
import Locking
import Logging
import Store
import Synchronization
import Training
import Wire

/// How the Slurm executor submits runs (config.json `"executor": {"type": "slurm", ...}`).
public struct SlurmSettings: Sendable, Equatable {
    public var partition: String?
    /// `--time`, e.g. "01:00:00".
    public var timeLimit: String?
    /// More `sbatch` arguments, e.g. ["--account=lab"].
    public var extraArgs: [String] = []
    /// Jobs submitted and not ended, at most.
    public var maxJobs = 4
    /// Times a lost job (failed, timed out, preempted, node died) is submitted again.
    public var maxRetries = 2
    /// How the jobs reach this service, e.g. "http://head-node:8080" (default: this host's
    /// name and the port listened on).
    public var serverURL: String?
    /// The `mlplab` executable the job script runs (default: this one).
    public var workerBinary = ""
    /// Job scripts, run tokens (mode 600) and job logs.
    public var stateDirectory = "mlplab-slurm"
    /// Seconds between looks at the queue.
    public var pollInterval = 1.0

    public init() {}
}

/// The Slurm executor: claims queued runs (at most `maxJobs` at a time), submits each with
/// `sbatch` as a job that runs `mlplab worker` with a token for that run only, follows the
/// jobs with `squeue --json` (and `scontrol` once squeue forgets them), and acts when a job
/// ends without its worker having reported the end: cancelled outside mlplab → the run is
/// `cancelled` with the reason; lost (failed, timed out, preempted, node failure) → queued
/// again, at most `maxRetries` times, then `failed` with Slurm's reason. Runs whose jobs are
/// still there after a restart of the service are followed again, never submitted twice.
public final class SlurmExecutor: Sendable {
    let settings: SlurmSettings
    let slurm: Slurm
    private let store: RunStore, tokens: Tokens, logger: Logger
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    /// Jobs this service cancelled (their CANCELLED is not "from outside").
    private let cancelledHere = Lock<Set<String>>([])
    /// The latest look: our jobs by Slurm state (for /metrics).
    private let states = Lock<[String: Int]>([:])
    /// When a job was first seen ended while its run still ran (the worker's end may be in flight).
    private let endedSince = Lock<[String: Date]>([:])
    private let serverURL: Lock<String>

    init(settings: SlurmSettings, slurm: Slurm = Slurm(), store: RunStore, logger: Logger) {
        (self.settings, self.slurm, self.store, self.logger) = (settings, slurm, store, logger)
        tokens = Tokens(store: store)
        serverURL = Lock(settings.serverURL ?? "")
    }

    static let executorName = "slurm"

    /// Starts following and submitting; `port` is where the service listens (for the default URL).
    func start(port: Int, host: String) {
        serverURL.withLock { url in
            let name = host == "0.0.0.0" || host == "::" ? ProcessInfo.processInfo.hostName : host
            if url.isEmpty { url = "http://\(name.contains(":") ? "[\(name)]" : name):\(port)" }
        }
        try? FileManager.default.createDirectory(atPath: settings.stateDirectory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let thread = Thread { [self] in
            while !stopping.load(ordering: .sequentiallyConsistent) {
                tick()
                _ = wake.wait(timeout: .now() + settings.pollInterval)
            }
            done.signal()
        }
        thread.name = "mlplab-slurm"
        thread.start()
    }

    func notify() { wake.signal() }

    /// Stops following (the jobs go on; the next start follows them again).
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake.signal()
        _ = done.wait(timeout: .now() + 30)
    }

    /// Our jobs by Slurm state at the latest look.
    var jobStates: [String: Int] { states.withLock { $0 } }

    /// Cancels the job of a run whose cancel was asked for (its worker also stops by itself).
    func cancel(runID: Int64) {
        guard let lease = try? store.lease(runID: runID), lease.executor == Self.executorName, let job = lease.jobID else { return }
        cancelledHere.withLock { _ = $0.insert(job) }
        do { try slurm.cancel(job) } catch { logger.warning("scancel \(job): \(error)") }
        notify()
    }

    // MARK: - One look

    func tick() {
        let jobs: [String: Slurm.Job]
        do { jobs = try slurm.jobs() } catch {
            logger.error("cannot read Slurm's queue: \(error)")
            return
        }
        var active = 0, counts: [String: Int] = [:]
        let leased = (try? store.leasedRuns(executor: Self.executorName)) ?? []
        for (run, lease) in leased {
            if follow(run, lease, jobs: jobs, counts: &counts) { active += 1 }
        }
        for lease in (try? store.settlingLeases(executor: Self.executorName, ended: Slurm.endedStates)) ?? [] {
            guard let jobID = lease.jobID else { continue }
            let state = jobs[jobID]?.state ?? slurm.finalState(jobID)?.state ?? "COMPLETED"
            counts[state, default: 0] += 1
            if state != lease.jobState { try? store.setJob(runID: lease.runID, attempt: lease.attempt, jobID: nil, state: state) }
        }
        states.withLock { $0 = counts }
        while active < settings.maxJobs, !stopping.load(ordering: .relaxed) {
            let run: RunRecord?
            do { run = try store.claimNextQueued(worker: 0) } catch {
                logger.error("cannot claim a run: \(error)")
                break
            }
            guard let run else { break }
            submit(run)
            active += 1
        }
    }

    /// Follows one leased run's job. - Returns: whether the job still counts against `maxJobs`.
    private func follow(_ run: RunRecord, _ lease: RunStore.Lease, jobs: [String: Slurm.Job], counts: inout [String: Int]) -> Bool {
        guard let jobID = lease.jobID else {
            // The service stopped between leasing and recording the job: adopt the job by its name, else queue again.
            if let job = jobs.values.first(where: { $0.name == Self.jobName(run.id, lease.attempt) }) {
                try? store.setJob(runID: run.id, attempt: lease.attempt, jobID: job.id, state: job.state)
                return true
            }
            _ = try? store.requeueLost(runID: run.id, attempt: lease.attempt, note: "its job was never recorded; queued again")
            return false
        }
        let job = jobs[jobID]
        let final = job == nil ? slurm.finalState(jobID) : nil
        let state = job?.state ?? final?.state ?? "GONE"
        let given = job?.reason ?? final?.reason ?? "Slurm no longer knows the job"
        let reason = given == "None" ? "" : given
        counts[state, default: 0] += 1
        if state != lease.jobState { try? store.setJob(runID: run.id, attempt: lease.attempt, jobID: nil, state: state) }
        if run.cancelRequested, state == "PENDING" { cancel(runID: run.id) }
        guard Slurm.endedStates.contains(state) || state == "GONE" else { return true }

        // The job ended and the run is still running: its worker never reported the end.
        let since = endedSince.withLock { $0[jobID, default: Date()] }
        endedSince.withLock { $0[jobID] = since }
        if state == "COMPLETED", Date().timeIntervalSince(since) < 5 { return true }   // the end may be in flight
        endedSince.withLock { _ = $0.removeValue(forKey: jobID) }
        let scope = TokenScope.run(run.id).description
        defer { _ = try? store.revokeTokens(scope: scope) }
        if state == "CANCELLED" || run.cancelRequested {
            let here = cancelledHere.withLock { $0.remove(jobID) } != nil || run.cancelRequested
            let note = here ? nil : "Slurm job \(jobID) was cancelled outside mlplab (\(reason.isEmpty ? "scancel or an administrator" : reason))"
            _ = try? store.finishRemote(runID: run.id, attempt: lease.attempt, status: .cancelled, error: note, wallSeconds: nil)
            logger.notice("run \(run.id): job \(jobID) cancelled\(note.map { ": \($0)" } ?? "")")
            return false
        }
        let why = "Slurm job \(jobID) ended \(state)\(reason.isEmpty ? "" : " (\(reason))")"
        if lease.retries < settings.maxRetries {
            let reason = "\(why); queued again (retry \(lease.retries + 1) of \(settings.maxRetries))"
            _ = try? store.requeueLost(runID: run.id, attempt: lease.attempt, note: reason)
            logger.warning("run \(run.id): \((try? store.run(id: run.id))??.note ?? reason)")     // says where it resumes
            notify()
        } else {
            _ = try? store.finishRemote(runID: run.id, attempt: lease.attempt, status: .failed,
                                        error: "\(why); gave up after \(settings.maxRetries) retries", wallSeconds: nil)
            logger.warning("run \(run.id): \(why); failed after \(settings.maxRetries) retries")
        }
        return false
    }

    static func jobName(_ runID: Int64, _ attempt: Int) -> String { "mlplab-\(runID)-\(attempt)" }

    /// Writes a job's token or script file; a file that cannot be written fails the submission.
    private static func write(_ text: String, to path: String, permissions: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: permissions]) else {
            throw Slurm.Failure(description: "cannot write \(path)")
        }
    }

    /// Leases a claimed run, writes its token and job script, and submits it.
    private func submit(_ run: RunRecord) {
        do {
            let attempt = try store.lease(runID: run.id, executor: Self.executorName)
            let base = "\(settings.stateDirectory)/run-\(run.id)-\(attempt)"
            let token = try tokens.create(name: "slurm-run-\(run.id)-\(attempt)", scope: .run(run.id)).token
            try Self.write(token, to: base + ".token", permissions: 0o600)
            let binary = settings.workerBinary.isEmpty ? CommandLine.arguments[0] : settings.workerBinary
            let url = serverURL.withLock { $0 }
            func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let script = """
                #!/bin/sh
                # mlplab run \(run.id), attempt \(attempt): written by the service's Slurm executor.
                exec \(quoted(binary)) worker --server \(quoted(url)) --run \(run.id) --attempt \(attempt) \
                --token-file \(quoted(absolute(base + ".token")))

                """
            try Self.write(script, to: base + ".sh", permissions: 0o700)
            var arguments = ["--job-name=\(Self.jobName(run.id, attempt))", "--output=\(absolute(base + ".log"))",
                             "--cpus-per-task=1"]
            if let partition = settings.partition { arguments.append("--partition=\(partition)") }
            if let time = settings.timeLimit { arguments.append("--time=\(time)") }
            if run.device == "gpu" { arguments.append("--gres=gpu:1") }
            arguments += settings.extraArgs
            let job = try slurm.submit(script: absolute(base + ".sh"), arguments: arguments)
            try store.setJob(runID: run.id, attempt: attempt, jobID: job, state: "PENDING")
            logger.info("run \(run.id): attempt \(attempt) submitted as Slurm job \(job)")
        } catch {
            logger.error("run \(run.id): cannot submit to Slurm: \(error)")
            _ = try? store.revokeTokens(scope: TokenScope.run(run.id).description)
            if let lease = try? store.lease(runID: run.id) {
                _ = try? store.finishRemote(runID: run.id, attempt: lease.attempt, status: .failed,
                                            error: "cannot submit to Slurm: \(error)", wallSeconds: nil)
            } else {
                try? store.finish(runID: run.id, status: .failed, error: "cannot submit to Slurm: \(error)")
            }
        }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
