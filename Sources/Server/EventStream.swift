import Locking

/// A server-sent-event stream (`text/event-stream`) to one client.
///
/// A handler returns `.stream { events in ... }`; the closure runs on the connection's thread and may
/// hand `events` to other threads (a worker publishing epochs). Writes are serialised by a mutex so
/// events never interleave, and once the closure returns the stream is closed before the socket is,
/// so a late `send` from another thread returns `false` instead of writing to a reused descriptor.
///
/// ```swift
/// return .stream { events in
///     while events.send(event: "progress", data: #"{"fraction":0.5}"#) { sleep(1) }
/// }
/// ```
public final class EventStream: Sendable {
    private struct State {
        var open = true
        let write: @Sendable ([UInt8]) -> Bool
    }
    private let state: Lock<State>

    /// A stream that hands each encoded event to `write` (`false` from it means the client is gone).
    /// The server makes one per streaming response; tests can make one that records events.
    public init(write: @escaping @Sendable ([UInt8]) -> Bool) {
        state = Lock(State(write: write))
    }

    /// Whether the client is still there as far as the last write knows.
    public var isOpen: Bool { state.withLock { $0.open } }

    /// Writes one event: `event: NAME\n[id: ID\n]data: LINE\n…\n\n` (each line of `data` gets its
    /// own `data:`). A client that reconnects sends the last `id` it saw as `Last-Event-ID`.
    /// - Returns: `false` once the client has gone (stop producing events then).
    @discardableResult
    public func send(event: String, id: String? = nil, data: String) -> Bool {
        var text = "event: " + Self.singleLine(event) + "\n"
        if let id { text += "id: " + Self.singleLine(id) + "\n" }
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: Self.isLineBreak) {
            text += "data: " + line + "\n"
        }
        return write(text + "\n")
    }

    /// Writes a comment line (`: text`), which clients ignore: a heartbeat that also detects a gone client.
    @discardableResult
    public func comment(_ text: String = "") -> Bool {
        write(": " + Self.singleLine(text) + "\n\n")
    }

    /// Ends the stream; later sends return `false`. Called by the server when the closure returns.
    func close() {
        state.withLock { $0.open = false }
    }

    private func write(_ text: String) -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            if !state.write(Array(text.utf8)) { state.open = false }
            return state.open
        }
    }

    private static func singleLine(_ text: String) -> String {
        String(text.filter { !isLineBreak($0) })
    }

    /// The line ends of the SSE format: LF, CR and CRLF (one `Character` in Swift), nothing else.
    private static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r" || character == "\r\n"
    }
}
