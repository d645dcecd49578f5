import Locking
import Synchronization

/// The server's open connections and whether each is idle (between requests) or busy.
///
/// `stop()` must close idle keep-alive connections at once but let busy ones finish their response,
/// so each connection publishes its phase. Phases are atomics, not a shared lock: a lock taken twice
/// per request by every connection thread was measured as the server's main cost under load. The lock
/// guards only the set of connections (taken on connect, disconnect and stop). A socket is only shut
/// down while registered, under that lock, and its owner unregisters before closing it, so `stop()`
/// never touches a descriptor number that has been closed and reused.
final class ConnectionRegistry: Sendable {
    /// One connection's phase, shared by its thread and `stop()`.
    final class Entry: Sendable {
        let socket: Socket
        fileprivate let phase = Atomic<UInt8>(Phase.idle)
        init(socket: Socket) { self.socket = socket }
    }

    private enum Phase {
        static let idle: UInt8 = 0, busy: UInt8 = 1, stopped: UInt8 = 2
    }

    private let entries = Lock<[Socket: Entry]>([:])
    private let stopping = Atomic<Bool>(false)

    enum Admission { case admitted(Entry), full, stopping }

    /// Registers a new connection as idle, unless the server is stopping or holds `limit` already.
    func admit(_ socket: Socket, limit: Int) -> Admission {
        entries.withLock { entries in
            if stopping.load(ordering: .sequentiallyConsistent) { return .stopping }
            if entries.count >= limit { return .full }
            let entry = Entry(socket: socket)
            entries[socket] = entry
            return .admitted(entry)
        }
    }

    /// Called by the owner just before it closes the socket.
    func remove(_ entry: Entry) {
        _ = entries.withLock { $0.removeValue(forKey: entry.socket) }
    }

    /// Marks a connection as waiting for its next request.
    /// - Returns: `false` if the server is stopping (the connection should close now).
    func markIdle(_ entry: Entry) -> Bool {
        // Store, then load: `stop()` sets `stopping`, then reads phases, so one of the two sees the other.
        entry.phase.store(Phase.idle, ordering: .sequentiallyConsistent)
        return !stopping.load(ordering: .sequentiallyConsistent)
    }

    /// Marks a connection as handling a request.
    /// - Returns: `false` if `stop()` already claimed it as idle (and shut its socket down).
    func markBusy(_ entry: Entry) -> Bool {
        let (exchanged, original) = entry.phase.compareExchange(
            expected: Phase.idle, desired: Phase.busy, ordering: .sequentiallyConsistent)
        return exchanged || original == Phase.busy
    }

    var count: Int { entries.withLock { $0.count } }
    var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Refuses new connections and shuts down the idle ones (their threads wake and exit).
    func beginStopping() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        entries.withLock { entries in
            for entry in entries.values where entry.phase.compareExchange(
                expected: Phase.idle, desired: Phase.stopped, ordering: .sequentiallyConsistent).exchanged {
                entry.socket.shutdown()
            }
        }
    }

    /// Shuts down every connection, busy or not: the end of the shutdown grace period.
    func shutdownAll() {
        entries.withLock { entries in
            for entry in entries.values {
                entry.phase.store(Phase.stopped, ordering: .sequentiallyConsistent)
                entry.socket.shutdown()
            }
        }
    }
}
