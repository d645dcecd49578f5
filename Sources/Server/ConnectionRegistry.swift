import Synchronization

/// The server's open connections and whether each is idle (between requests) or busy.
///
/// `stop()` must close idle keep-alive connections at once but let busy ones finish their response,
/// so each connection reports its state here. A socket is only ever shut down while registered, under
/// this lock, and its owner unregisters before closing it, so `stop()` never touches a descriptor
/// number that has been closed and reused.
final class ConnectionRegistry: Sendable {
    private struct State {
        var busy: [Socket: Bool] = [:]
        var stopping = false
    }
    private let state = Mutex(State())

    enum Admission { case admitted, full, stopping }

    /// Registers a new connection as idle, unless the server is stopping or holds `limit` already.
    func admit(_ socket: Socket, limit: Int) -> Admission {
        state.withLock { state in
            if state.stopping { return .stopping }
            if state.busy.count >= limit { return .full }
            state.busy[socket] = false
            return .admitted
        }
    }

    /// Called by the owner just before it closes the socket.
    func remove(_ socket: Socket) {
        _ = state.withLock { $0.busy.removeValue(forKey: socket) }
    }

    /// Marks a connection as waiting for its next request.
    /// - Returns: `false` if the server is stopping (the connection should close now).
    func markIdle(_ socket: Socket) -> Bool {
        state.withLock { state in
            state.busy[socket] = false
            return !state.stopping
        }
    }

    /// Marks a connection as handling a request.
    /// - Returns: `false` if the server is stopping (and may already have shut the socket down).
    func markBusy(_ socket: Socket) -> Bool {
        state.withLock { state in
            state.busy[socket] = true
            return !state.stopping
        }
    }

    var count: Int { state.withLock { $0.busy.count } }
    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Refuses new connections and shuts down the idle ones (their threads wake and exit).
    func beginStopping() {
        state.withLock { state in
            state.stopping = true
            for (socket, busy) in state.busy where !busy { socket.shutdown() }
        }
    }

    /// Shuts down every connection, busy or not: the end of the shutdown grace period.
    func shutdownAll() {
        state.withLock { state in
            for socket in state.busy.keys { socket.shutdown() }
        }
    }
}
