import Glibc

/// A failed socket call, with the call's name and `errno` (modelled on FlyingSocks' `SocketError`).
public enum SocketError: Error, Equatable, CustomStringConvertible {
    case failed(type: String, errno: Int32, message: String)

    /// Captures the current `errno` for the call named `type`.
    static func makeFailed(_ type: String) -> SocketError {
        let code = errno
        return .failed(type: type, errno: code, message: String(cString: strerror(code)))
    }

    public var description: String {
        switch self {
        case let .failed(type, errno, message): "\(type) failed: \(message) (errno \(errno))"
        }
    }
}
