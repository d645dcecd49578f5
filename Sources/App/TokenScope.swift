/// What a token may do. `read` < `write` < `admin`; `run(id)` is a worker's token: it may read
/// and write that one run (its spec, its epochs, its end) and nothing else.
///
/// ```swift
/// let scope = try TokenScope("run:7")     // .run(7)
/// scope.permits(.write(run: 7))           // true
/// scope.permits(.write(run: 8))           // false: 403
/// ```
public enum TokenScope: Sendable, Equatable, CustomStringConvertible {
    case read, write, admin
    case run(Int64)

    /// Parses `read`, `write`, `admin` or `run:<id>`.
    /// - Throws: `AuthError.badScope` for anything else.
    public init(_ text: String) throws {
        switch text {
        case "read": self = .read
        case "write": self = .write
        case "admin": self = .admin
        default:
            guard text.hasPrefix("run:"), let id = Int64(text.dropFirst(4)), id > 0 else { throw AuthError.badScope(text) }
            self = .run(id)
        }
    }

    public var description: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .admin: "admin"
        case .run(let id): "run:\(id)"
        }
    }

    /// Whether a token of this scope may make a request that needs `access`.
    public func permits(_ access: Access) -> Bool {
        switch (self, access) {
        case (_, .open), (.admin, _): true
        case (.write, .read), (.write, .write): true
        case (.read, .read): true
        case (.run(let own), .read(let run?)), (.run(let own), .write(let run?)): own == run
        default: false
        }
    }
}

/// What a request needs: nothing, reading, writing or administering; reads and writes name
/// the run they touch, if they touch one (`/api/runs/{id}/...`).
public enum Access: Sendable, Equatable {
    case open
    case read(run: Int64?)
    case write(run: Int64?)
    case admin
}

/// Why a token or an auth setting was refused.
public enum AuthError: Error, Equatable, Sendable, CustomStringConvertible {
    case badScope(String)
    /// `serve` was asked to listen beyond loopback with auth off.
    case openListen(host: String)

    public var description: String {
        switch self {
        case .badScope(let text): "scope must be read, write, admin or run:<id> (got \(text))"
        case .openListen(let host): """
            refusing to listen on \(host) with auth off: anyone who can reach it could write. Create a token with \
            `mlplab token create NAME --scope admin`, then start with `"auth": "tokens"` in config.json or \
            `--auth tokens` (or listen on 127.0.0.1)
            """
        }
    }
}
