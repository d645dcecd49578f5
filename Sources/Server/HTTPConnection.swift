import Glibc
import Logging

/// One client connection on a thread of its own while it has work: read a request, call the
/// handler, write the response, repeat while keep-alive holds. A connection with nothing to do
/// for `linger` is parked with `IdleConnections` (the thread exits) and resumed on a new thread
/// with the bytes of its next request head.
///
/// Every wait has a deadline: `idleTimeout` between requests, `readTimeout` from a request's first
/// byte to its last (so a client trickling one byte a second is still cut off), and the socket's send
/// timeout for writes. Malformed input gets its 4xx and the connection is closed, because after a
/// framing error the next request's start cannot be found reliably.
struct HTTPConnection: Sendable {
    let entry: ConnectionRegistry.Entry
    let limits: HTTPLimits
    let registry: ConnectionRegistry
    let logger: Logger
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    /// Charged with each request's thread time while it applies.
    var budget: CPUBudget? = nil
    /// Where the connection waits between requests; nil keeps it on this thread throughout.
    var idle: IdleConnections? = nil

    /// How long a thread waits for the next keep-alive request before parking the connection:
    /// a busy client's next request arrives well within it, so it keeps its thread.
    static let linger = Duration.milliseconds(200)

    private var socket: Socket { entry.socket }

    /// Serves requests until the client closes, a limit is hit or the server stops, then closes
    /// the socket; or until it parks the connection, which then belongs to `idle`.
    /// - Parameters:
    ///   - initial: bytes already read (a request head `IdleConnections` gathered).
    ///   - firstByte: when the first of them arrived: the read deadline counts from it.
    func run(buffer initial: [UInt8] = [], firstByte: ContinuousClock.Instant? = nil) {
        var parked = false
        defer {
            if !parked {
                registry.remove(entry)   // before close: see ConnectionRegistry
                socket.close()
            }
        }
        socket.setNoDelay()
        socket.setSendTimeout(seconds: limits.writeTimeout)
        let decoder = HTTPDecoder(limits: limits)
        var buffer = initial, first = firstByte
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if buffer.isEmpty {
                guard registry.markIdle(entry) else { return }
                let lingerEnd = ContinuousClock.now + Self.linger
                if !socket.waitReadable(until: lingerEnd) {
                    if let idle, idle.park(entry) {
                        parked = true
                        return
                    }
                    guard socket.waitReadable(until: lingerEnd + .seconds(limits.idleTimeout) - Self.linger) else { return }
                }
                guard socket.receive(appendingTo: &buffer, scratch: &scratch) > 0 else { return }
            }
            guard registry.markBusy(entry) else { return }
            let started = budget?.applies == true ? CPUBudget.threadTime() : nil
            let deadline = (first ?? .now) + .seconds(limits.readTimeout)
            first = nil

            // Re-decode only when a line may have ended or the head can no longer be valid, so a client
            // trickling one byte per packet costs one scan per line, not one per byte.
            let longestHead = limits.requestLine + limits.headerBytes + 4
            let head: HTTPRequestHead
            do {
                var mayBeComplete = true
                while true {
                    if mayBeComplete, let decoded = try decoder.decodeHead(buffer) {
                        head = decoded
                        break
                    }
                    let before = buffer.count
                    guard socket.waitReadable(until: deadline),
                          socket.receive(appendingTo: &buffer, scratch: &scratch) > 0 else { return }
                    mayBeComplete = buffer[before...].contains(HTTPDecoder.lf) || buffer.count > longestHead
                }
            } catch {
                logger.debug("rejected request", metadata: ["error": "\(error.apiError)"])
                reject(error.apiError)
                return
            }

            let total = head.length + head.contentLength
            if head.expectsContinue && buffer.count < total && !socket.sendAll(HTTPEncoder.continueResponse) { return }
            while buffer.count < total {   // a truncated body ends here, at EOF or the deadline
                guard socket.waitReadable(until: deadline),
                      socket.receive(appendingTo: &buffer, scratch: &scratch) > 0 else { return }
            }
            let request = head.request(body: Array(buffer[head.length..<total]))
            buffer.removeFirst(total)

            let response = handler(request).negotiated(for: request)
            logger.debug("\(request.method) \(request.target) -> \(response.status)")
            if case .stream(let body) = response.body {
                stream(response, body: body, headOnly: request.method == "HEAD")
                return
            }
            let handlerCloses = response.headers["Connection"]?.lowercased() == "close"
            let keepAlive = head.keepAlive && !handlerCloses && !registry.isStopping
            let bytes = HTTPEncoder.encode(response, keepAlive: keepAlive, minorVersion: head.minorVersion,
                                           headOnly: request.method == "HEAD")
            let sent = socket.sendAll(bytes)
            if let budget, let started { budget.charge(CPUBudget.threadTime() - started) }
            guard sent, keepAlive else { return }
        }
    }

    /// Sends the event-stream head, then hands the stream to `body` until it returns.
    private func stream(_ response: HTTPResponse, body: @Sendable (EventStream) -> Void, headOnly: Bool) {
        guard socket.sendAll(HTTPEncoder.encodeStreamHead(response)), !headOnly else { return }
        let socket = self.socket
        let events = EventStream { socket.sendAll($0) }
        body(events)
        events.close()   // before the socket closes, so a late send from another thread is refused
    }

    /// Answers a malformed request and closes gracefully: stop writing, then drain (bounded) what the
    /// client is still sending, so the close does not turn into a reset that destroys the answer
    /// before the client has read it. An oversized body is never read in full.
    private func reject(_ error: APIError) {
        guard socket.sendAll(HTTPEncoder.encode(.error(error), keepAlive: false)) else { return }
        socket.shutdown(Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(min(1, limits.readTimeout))
        var drained: [UInt8] = [], total = 0
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while total < 256 * 1024 && socket.waitReadable(until: deadline) {
            let n = socket.receive(appendingTo: &drained, scratch: &scratch)
            if n == 0 { return }
            total += n
            drained.removeAll(keepingCapacity: true)
        }
    }
}
