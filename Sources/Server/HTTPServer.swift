import Dispatch
import Glibc
import Locking
import Logging
import Synchronization

/// An HTTP/1.1 server on plain sockets: one accept thread, one epoll thread for connections that
/// wait on their client, and a thread per connection while it has a request to answer, at most
/// `HTTPLimits.concurrentHandlers` of them inside a handler at once.
///
/// A thread per busy connection keeps handlers plain blocking code (SQLite calls, an SSE loop that
/// sleeps) and measured well here. Connections waiting on their client (new, idle between
/// keep-alive requests, or trickling a head) belong to `IdleConnections`, one epoll loop, and cost
/// no thread: 4,000 idle and 2,000 slow ones were measured without the others noticing. The total
/// is bounded by `HTTPLimits.maxConnections`, and the accept loop never blocks on a client.
///
/// ```swift
/// let server = HTTPServer(host: "127.0.0.1", port: 8080, logger: logger) { router.handle($0) }
/// let port = try server.start()
/// // ...
/// server.stop()
/// ```
public final class HTTPServer: Sendable {
    public let host: String
    public let port: Int
    public let limits: HTTPLimits
    private let logger: Logger
    /// The caller's handler, entered by at most `limits.concurrentHandlers` threads at once.
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let registry: ConnectionRegistry
    private let idle: IdleConnections
    /// Meters the connection threads' CPU time while other work of the process holds cores.
    private let budget: CPUBudget?
    private let listener = Lock<Socket?>(nil)
    private let acceptLoopRunning = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)

    /// - Parameters:
    ///   - host: address or name to bind (`127.0.0.1`, `0.0.0.0`, `::`, `localhost`).
    ///   - port: TCP port; 0 picks a free one (see `start()`'s result).
    ///   - budget: while it applies, a handler starts only once the bucket is not owed time.
    ///   - handler: answers every decoded request, on the connection's thread; it should not throw
    ///     or crash, so pass `Router.handle`, which turns errors into responses.
    public init(host: String = "127.0.0.1", port: Int, limits: HTTPLimits = .init(), budget: CPUBudget? = nil,
                logger: Logger, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.host = host
        self.port = port
        self.limits = limits
        self.budget = budget
        self.logger = logger
        let turns = Turns(max(1, limits.concurrentHandlers))
        let gated: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            turns.take()
            defer { turns.give() }
            budget?.waitForTime()
            return handler(request)
        }
        self.handler = gated
        let registry = ConnectionRegistry()
        self.registry = registry
        idle = IdleConnections(limits: limits, registry: registry, logger: logger) { idle, entry, buffer, first in
            HTTPConnection(entry: entry, limits: limits, registry: registry, logger: logger, handler: gated,
                           budget: budget, idle: idle)
                .run(buffer: buffer, firstByte: first)
        }
    }

    /// Open client connections right now.
    public var connectionCount: Int { registry.count }

    /// Binds, listens and starts accepting on a background thread.
    /// - Returns: the port actually bound (the ephemeral one when `port` is 0).
    /// - Throws: `SocketError` if the address cannot be bound (in use, bad host).
    public func start() throws -> Int {
        precondition(started.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged,
                     "HTTPServer.start() called twice; make a new server to listen again")
        raiseDescriptorLimit()
        try idle.start()
        let socket: Socket, boundPort: Int
        do { socket = try Socket.listening(host: host, port: port) } catch { idle.stop(); throw error }
        do { boundPort = try socket.localPort() } catch { socket.close(); idle.stop(); throw error }
        listener.withLock { $0 = socket }
        acceptLoopRunning.store(true, ordering: .sequentiallyConsistent)
        guard DetachedThread.spawn({ self.acceptLoop(socket) }) else {
            acceptLoopRunning.store(false, ordering: .sequentiallyConsistent)
            listener.withLock { $0 = nil }
            socket.close()
            idle.stop()
            throw SocketError.failed(type: "pthread_create", errno: EAGAIN, message: "cannot start the accept thread")
        }
        logger.info("listening", metadata: ["host": "\(host)", "port": "\(boundPort)"])
        return boundPort
    }

    /// Stops accepting, closes idle keep-alive connections, lets in-flight responses finish for up
    /// to `limits.shutdownGrace` seconds, then cuts off what is left (event streams) and returns.
    public func stop() {
        guard let socket = listener.withLock({ state -> Socket? in defer { state = nil }; return state }) else { return }
        registry.beginStopping()
        socket.shutdown()   // wakes the blocked accept(); the accept thread closes the socket
        wait(upTo: 1) { !acceptLoopRunning.load(ordering: .sequentiallyConsistent) }
        wait(upTo: limits.shutdownGrace) { registry.count == 0 }
        if registry.count > 0 {
            logger.info("cutting off connections still open after the grace period", metadata: ["count": "\(registry.count)"])
            registry.shutdownAll()
            wait(upTo: 1) { registry.count == 0 }
        }
        idle.stop()
        logger.info("stopped")
    }

    // MARK: - Accepting

    private func acceptLoop(_ listening: Socket) {
        defer {
            listening.close()
            acceptLoopRunning.store(false, ordering: .sequentiallyConsistent)
        }
        var lastWarning = ContinuousClock.now - .seconds(60)
        while true {
            switch listening.accept() {
            case .connection(let client):
                admit(client)
            case .retry:
                continue
            case .backOff(let error):   // out of descriptors: wait for connections to close, don't spin
                if ContinuousClock.now - lastWarning > .seconds(10) {
                    logger.warning("accept is failing", metadata: ["error": "\(error)"])
                    lastWarning = .now
                }
                usleep(10_000)
            case .closed:
                return
            }
        }
    }

    private func admit(_ client: Socket) {
        switch registry.admit(client, limit: limits.maxConnections) {
        case .admitted(let entry):
            if idle.park(entry) { return }      // a thread once its first request head is in
            let connection = HTTPConnection(entry: entry, limits: limits, registry: registry, logger: logger,
                                            handler: handler, budget: budget, idle: idle)
            if !DetachedThread.spawn({ connection.run() }) {
                registry.remove(entry)
                refuse(client, because: "cannot start a thread for the connection")
            }
        case .full:
            refuse(client, because: "too many connections")
        case .stopping:
            refuse(client, because: "shutting down")
        }
    }

    /// Answers 503 without ever blocking the accept loop, then closes.
    private func refuse(_ client: Socket, because reason: String) {
        logger.debug("refused a connection", metadata: ["reason": "\(reason)"])
        client.discardPending()   // unread request bytes would turn the close into a reset
        client.sendWithoutBlocking(HTTPEncoder.encode(.error(APIError(.unavailable, reason)), keepAlive: false))
        client.shutdown(Int32(SHUT_WR))
        client.close()
    }

    // MARK: - Helpers

    /// Raises the soft open-files limit to the hard one: the default soft limit (often 1024) is far
    /// below `maxConnections`, and running out makes `accept` fail for everyone.
    private func raiseDescriptorLimit() {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max == rlim_t.max ? max(limit.rlim_cur, 1 << 20) : limit.rlim_max
            _ = setrlimit(resource, &limit)
            _ = getrlimit(resource, &limit)
        }
        let needed = rlim_t(limits.maxConnections + 64)
        if limit.rlim_cur < needed {
            logger.warning("open-files limit below maxConnections",
                           metadata: ["limit": "\(limit.rlim_cur)", "maxConnections": "\(limits.maxConnections)"])
        }
    }

    private func wait(upTo seconds: Double, until done: () -> Bool) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !done() && ContinuousClock.now < deadline { usleep(5_000) }
    }
}
