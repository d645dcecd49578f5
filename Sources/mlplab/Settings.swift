import App
import Foundation
import Training

/// Every setting of the CLI, resolved in one place for `serve`, `train` and the commands to
/// come: config.json first, then the environment (`MLPLAB_HOST`, `MLPLAB_PORT`,
/// `MLPLAB_DATABASE`, `MLPLAB_WORKERS`, `MLPLAB_DATA`, `MLPLAB_MNIST_MIRROR`), then flags.
struct Settings: Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var database = "mlplab.sqlite3"
    /// Worker threads; 0 in config.json means one per core.
    var workers = 1
    /// Worker threads for GPU runs; nil: one per visible GPU.
    var gpuWorkers: Int?
    /// Data directories in search order: flag, MLPLAB_DATA, config.json's data_dirs, defaults.
    var dataDirectories: [String] = []
    /// Where MNIST is downloaded from when it is on no data directory.
    var mnistMirror: String?
    /// Tokens on writes (`auth`: `off` or `tokens`) and on reads (`auth_reads`).
    var auth = AuthSettings()
    /// The Slurm executor's settings when runs go to Slurm (`executor.type` `slurm`); nil: threads.
    var slurm: SlurmSettings?

    /// The flags a command was given; nil where it was not.
    struct Flags {
        var host: String?, port: Int?, database: String?, workers: Int?, data: String?
        var gpuWorkers: Int?
        var auth: String?, authReads: Bool?
        var executor: String?
    }

    /// - Throws: `CLIError` for a config file that is named but missing or malformed, or an
    ///   environment variable that should be a number and is not.
    static func resolve(configPath: String?, flags: Flags = Flags(),
                        environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let file = try ConfigFile.load(configPath)
        func integer(_ name: String) throws -> Int? {
            try env[name].map { text in
                guard let n = Int(text) else { throw CLIError("\(name) must be an integer (got \(text))") }
                return n
            }
        }
        var s = Settings()
        s.host = flags.host ?? env["MLPLAB_HOST"] ?? file.host
        s.port = try flags.port ?? integer("MLPLAB_PORT") ?? file.port
        s.database = flags.database ?? env["MLPLAB_DATABASE"] ?? file.database
        let workers = try flags.workers ?? integer("MLPLAB_WORKERS") ?? file.workers
        s.workers = workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount
        s.gpuWorkers = flags.gpuWorkers ?? file.gpuWorkers
        s.dataDirectories = DatasetCache.searchDirectories(flag: flags.data, environment: env, config: file.dataDirs)
        s.mnistMirror = env["MLPLAB_MNIST_MIRROR"].flatMap { $0.isEmpty ? nil : $0 }
        let auth = flags.auth ?? env["MLPLAB_AUTH"] ?? file.auth
        guard auth == "off" || auth == "tokens" else { throw CLIError("auth must be off or tokens (got \(auth))") }
        s.auth = AuthSettings(tokens: auth == "tokens", reads: flags.authReads ?? file.authReads)
        let executor = file.executor ?? ExecutorConfig()
        switch flags.executor ?? env["MLPLAB_EXECUTOR"] ?? executor.type ?? "threads" {
        case "threads": s.slurm = nil
        case "slurm": s.slurm = try executor.slurm(database: s.database)
        case let other: throw CLIError("executor.type must be threads or slurm (got \(other))")
        }
        return s
    }

    /// The data sets, found and downloaded as these settings say.
    var datasets: DatasetCache { DatasetCache(directories: dataDirectories, mirror: mnistMirror) }
}

/// config.json: the service's defaults, overridden by environment and flags (`Settings`).
///
/// ```json
/// {"host": "127.0.0.1", "port": 8080, "database": "mlplab.sqlite3", "workers": 0, "gpu_workers": 1, "data_dirs": [],
///  "auth": "off", "auth_reads": false}
/// ```
/// A missing file means the embedded defaults below.
struct ConfigFile: Codable, Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var database = "mlplab.sqlite3"
    /// Worker threads; 0 means one per core.
    var workers = 0
    /// GPU worker threads; absent means one per visible GPU.
    var gpuWorkers: Int?
    /// Data directories searched after `--data` and `MLPLAB_DATA`, before the defaults.
    var dataDirs: [String] = []
    /// `off` or `tokens`: whether writes need a token.
    var auth = "off"
    /// With `auth` on, whether reads need one too.
    var authReads = false
    /// Who trains the runs: `{"type": "threads"}` (the default) or `{"type": "slurm", ...}`.
    var executor: ExecutorConfig?

    enum CodingKeys: String, CodingKey {
        case host, port, database, workers, auth, executor
        case dataDirs = "data_dirs", gpuWorkers = "gpu_workers"
        case authReads = "auth_reads"
    }

    init() {}

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ConfigFile()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        database = try c.decodeIfPresent(String.self, forKey: .database) ?? d.database
        workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? d.workers
        dataDirs = try c.decodeIfPresent([String].self, forKey: .dataDirs) ?? d.dataDirs
        gpuWorkers = try c.decodeIfPresent(Int.self, forKey: .gpuWorkers)
        auth = try c.decodeIfPresent(String.self, forKey: .auth) ?? d.auth
        authReads = try c.decodeIfPresent(Bool.self, forKey: .authReads) ?? d.authReads
        executor = try c.decodeIfPresent(ExecutorConfig.self, forKey: .executor)
    }

    /// Reads `path` (default ./config.json); absent file → defaults, bad file → error naming it.
    static func load(_ path: String?) throws -> ConfigFile {
        let file = path ?? "config.json"
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw CLIError("config file \(file) not found") }
            return ConfigFile()
        }
        do { return try JSONDecoder().decode(ConfigFile.self, from: Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            throw CLIError("\(file): not a valid config (\(error))")
        }
    }
}
