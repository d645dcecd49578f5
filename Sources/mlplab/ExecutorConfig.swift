import App
import Foundation

/// config.json's `executor`: `{"type": "threads"}` (the default) or
/// `{"type": "slurm", "partition": "gpu", "time_limit": "02:00:00", "extra_args": ["--account=lab"],
///   "max_jobs": 8, "max_retries": 2, "server_url": "http://head:8080", "state_dir": "slurm-jobs"}`.
struct ExecutorConfig: Codable, Equatable {
    /// `threads` (nil: the default) or `slurm`.
    var type: String?
    var partition: String?
    var timeLimit: String?
    var extraArgs: [String]?
    var maxJobs: Int?
    var maxRetries: Int?
    /// How jobs reach the service (default: the host and port it listens on).
    var serverURL: String?
    /// Job scripts, run tokens and job logs (default: DATABASE.slurm/ beside the database).
    var stateDir: String?
    /// The `mlplab` the jobs run (default: this executable; it must be reachable from the nodes).
    var workerBinary: String?

    enum CodingKeys: String, CodingKey {
        case type, partition
        case timeLimit = "time_limit", extraArgs = "extra_args", maxJobs = "max_jobs", maxRetries = "max_retries"
        case serverURL = "server_url", stateDir = "state_dir", workerBinary = "worker_binary"
    }

    /// The Slurm executor's settings, checked.
    /// - Throws: `CLIError` naming the field for a value out of range.
    func slurm(database: String) throws -> SlurmSettings {
        var s = SlurmSettings()
        s.partition = partition
        s.timeLimit = timeLimit
        s.extraArgs = extraArgs ?? []
        if let maxJobs {
            guard maxJobs >= 1 else { throw CLIError("executor.max_jobs must be >= 1 (got \(maxJobs))") }
            s.maxJobs = maxJobs
        }
        if let maxRetries {
            guard maxRetries >= 0 else { throw CLIError("executor.max_retries must be >= 0 (got \(maxRetries))") }
            s.maxRetries = maxRetries
        }
        s.serverURL = serverURL
        s.stateDirectory = stateDir ?? database + ".slurm"
        s.workerBinary = workerBinary ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return s
    }
}
