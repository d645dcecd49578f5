import Foundation

/// config.json: the service's defaults, overridden by flags and environment.
///
/// ```json
/// {"host": "127.0.0.1", "port": 8080, "database": "mlplab.sqlite3", "workers": 0, "data_dirs": []}
/// ```
/// A missing file means the embedded defaults below.
struct Config: Codable, Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var database = "mlplab.sqlite3"
    /// Worker threads; 0 means one per core.
    var workers = 0
    /// Data directories searched after `--data` and `MLPLAB_DATA`, before the defaults.
    var dataDirs: [String] = []

    enum CodingKeys: String, CodingKey {
        case host, port, database, workers
        case dataDirs = "data_dirs"
    }

    init() {}

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Config()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        database = try c.decodeIfPresent(String.self, forKey: .database) ?? d.database
        workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? d.workers
        dataDirs = try c.decodeIfPresent([String].self, forKey: .dataDirs) ?? d.dataDirs
    }

    /// Reads `path` (default ./config.json); absent file → defaults, bad file → error naming it.
    static func load(_ path: String?) throws -> Config {
        let file = path ?? "config.json"
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw CLIError("config file \(file) not found") }
            return Config()
        }
        do { return try JSONDecoder().decode(Config.self, from: Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            throw CLIError("\(file): not a valid config (\(error))")
        }
    }
}
