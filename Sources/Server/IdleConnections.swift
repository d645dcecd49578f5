import Glibc
import Locking
import Logging
import Synchronization

/// The connections that are waiting on their client: new ones before their first request,
/// keep-alive ones between requests, and slow ones while their request head trickles in. One
/// `poll` thread owns them all (Glibc's module map has no epoll; the descriptor array is
/// rebuilt only when the set changes, and a pipe wakes the loop when one is added), so they cost a few hundred bytes each instead of a thread; a
/// connection gets a thread again (`resume`) only once a whole request head has arrived.
///
/// Deadlines are the connection thread's: `idleTimeout` while nothing has arrived, `readTimeout`
/// from a request's first byte (so a client sending one byte a second is still cut off), checked
/// every `tick`. A head over the size limits is handed on at once, for its thread to answer 431.
///
/// ```swift
/// let idle = IdleConnections(limits: limits, registry: registry, logger: logger) { idle, entry, buffer, first in
///     HTTPConnection(entry: entry, ..., idle: idle).run(buffer: buffer, firstByte: first)
/// }
/// try idle.start()
/// idle.park(entry)                    // from a connection's thread, which then exits
/// ```
final class IdleConnections: Sendable {
    typealias Resume = @Sendable (IdleConnections, ConnectionRegistry.Entry, [UInt8], ContinuousClock.Instant?) -> Void

    /// One parked connection.
    private struct Parked {
        let entry: ConnectionRegistry.Entry
        var buffer: [UInt8] = []
        let parkedAt: ContinuousClock.Instant
        var firstByte: ContinuousClock.Instant?
    }

    private let limits: HTTPLimits
    private let registry: ConnectionRegistry
    private let logger: Logger
    private let resume: Resume
    /// The wake-up pipe: `park` writes a byte to [1], the loop polls [0].
    private let wake: (read: Int32, write: Int32)
    private let parked = Lock<(connections: [Int32: Parked], changed: Bool)>(([:], false))
    private let running = Atomic<Bool>(false)
    private let loopExited = Atomic<Bool>(false)
    /// How often deadlines are checked.
    static let tick: Int32 = 50
    /// The shortest time between two polls: `poll` costs in proportion to the connections held,
    /// so thousands of slow clients each sending a byte are read in batches, not one per call.
    static let batch = Duration.milliseconds(5)

    init(limits: HTTPLimits, registry: ConnectionRegistry, logger: Logger, resume: @escaping Resume) {
        (self.limits, self.registry, self.logger, self.resume) = (limits, registry, logger, resume)
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        wake = (ends[0], ends[1])
    }

    deinit {
        if wake.read >= 0 { Glibc.close(wake.read) }
        if wake.write >= 0 { Glibc.close(wake.write) }
    }

    /// Starts the loop's thread.
    /// - Throws: `SocketError` when the wake-up pipe or the thread cannot be created.
    func start() throws(SocketError) {
        guard wake.read >= 0 else { throw .makeFailed("pipe") }
        running.store(true, ordering: .sequentiallyConsistent)
        guard DetachedThread.spawn({ self.loop() }) else {
            running.store(false, ordering: .sequentiallyConsistent)
            throw SocketError.failed(type: "pthread_create", errno: EAGAIN, message: "cannot start the idle-connection thread")
        }
    }

    /// Stops the thread once every parked connection is gone (`HTTPServer.stop` shuts them down).
    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        signal()
    }

    /// How many connections are parked now.
    var count: Int { parked.withLock { $0.connections.count } }

    /// Takes over `entry`'s socket (already marked idle) until its next request head is complete.
    /// - Returns: false when the loop is not running; the caller still owns the socket.
    func park(_ entry: ConnectionRegistry.Entry) -> Bool {
        guard running.load(ordering: .sequentiallyConsistent) else { return false }
        parked.withLock {
            $0.connections[entry.socket.fd] = Parked(entry: entry, parkedAt: .now)
            $0.changed = true
        }
        signal()
        return true
    }

    private func signal() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)          // a full pipe already holds a wake-up
    }

    // MARK: - The loop

    private func loop() {
        var fds: [pollfd] = []
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var lastSweep = ContinuousClock.now
        while running.load(ordering: .sequentiallyConsistent) || count > 0 {
            let changed = parked.withLock { state -> [Int32]? in
                defer { state.changed = false }
                return state.changed || fds.isEmpty ? Array(state.connections.keys) : nil
            }
            if let changed {
                fds = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
                    + changed.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            }
            let polled = ContinuousClock.now
            let n = poll(&fds, nfds_t(fds.count), Self.tick)
            if n > 0 {
                if fds[0].revents != 0 { drainWake(&scratch) }
                for i in 1..<fds.count where fds[i].revents != 0 && fds[i].fd >= 0 {
                    if !readable(fds[i].fd, scratch: &scratch) { fds[i].fd = -1 }   // gone: poll skips it
                }
            }
            if ContinuousClock.now - lastSweep >= .milliseconds(Int(Self.tick)) {
                lastSweep = .now
                sweep()
            }
            let spent = ContinuousClock.now - polled
            if spent < Self.batch { usleep(UInt32((Self.batch - spent).components.attoseconds / 1_000_000_000_000)) }
        }
        loopExited.store(true, ordering: .sequentiallyConsistent)
    }

    private func drainWake(_ scratch: inout [UInt8]) {
        while scratch.withUnsafeMutableBytes({ read(wake.read, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Reads what arrived; hands the connection on once a head is complete (or cannot be valid).
    /// - Returns: whether the connection is still parked.
    private func readable(_ fd: Int32, scratch: inout [UInt8]) -> Bool {
        guard var connection = parked.withLock({ $0.connections[fd] }) else { return false }
        var received = 0
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 {
                connection.buffer.append(contentsOf: scratch[0..<n])
                received += n
                if n < scratch.count { break }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            finish(fd, connection)                   // end of stream, or an error
            return false
        }
        guard received > 0 else { return true }
        if connection.firstByte == nil { connection.firstByte = .now }
        let longestHead = limits.requestLine + limits.headerBytes + 4
        let newest = connection.buffer[(connection.buffer.count - received)...]
        if connection.buffer.count > longestHead || (newest.contains(HTTPDecoder.lf) && headEnded(connection.buffer)) {
            handOn(fd, connection)
            return false
        }
        parked.withLock { $0.connections[fd] = connection }
        return true
    }

    /// Whether `buffer` holds a whole head, or one the decoder already rejects (it answers 4xx).
    private func headEnded(_ buffer: [UInt8]) -> Bool {
        do { return try HTTPDecoder(limits: limits).decodeHead(buffer) != nil } catch { return true }
    }

    /// Closes connections past their deadline: idle too long, or a head too slow.
    private func sweep() {
        let now = ContinuousClock.now
        let idle = Duration.seconds(limits.idleTimeout), read = Duration.seconds(limits.readTimeout)
        let expired = parked.withLock { parked in
            parked.connections.filter { _, c in c.firstByte.map { now - $0 >= read } ?? (now - c.parkedAt >= idle) }
        }
        for (fd, connection) in expired { finish(fd, connection) }
    }

    /// Gives the connection back to a thread of its own.
    private func handOn(_ fd: Int32, _ connection: Parked) {
        forget(fd)
        guard registry.markBusy(connection.entry) else { return close(connection) }
        let (entry, buffer, first, resume) = (connection.entry, connection.buffer, connection.firstByte, self.resume)
        if !DetachedThread.spawn({ resume(self, entry, buffer, first) }) {
            logger.warning("cannot start a thread for a connection; closing it")
            close(connection)
        }
    }

    private func finish(_ fd: Int32, _ connection: Parked) {
        forget(fd)
        close(connection)
    }

    /// Drops the connection from the set; the loop rebuilds its descriptor array on the next turn.
    private func forget(_ fd: Int32) {
        parked.withLock {
            $0.connections.removeValue(forKey: fd)
            $0.changed = true
        }
    }

    private func close(_ connection: Parked) {
        registry.remove(connection.entry)            // before close: see ConnectionRegistry
        connection.entry.socket.close()
    }
}
