import Glibc

/// A TCP socket file descriptor with the few calls the server needs, each retried on `EINTR`.
///
/// A plain value: ownership is by convention, one thread owns a connection's socket and is the only
/// one to `close` it; other threads may only `shutdown` it (which wakes a blocked `poll`), so a
/// descriptor number is never reused while someone still holds it.
struct Socket: Sendable, Hashable {
    let fd: Int32

    // MARK: - Reading

    /// Waits until the socket is readable (data, end of stream or error) or `deadline` passes.
    /// - Returns: `false` on timeout.
    func waitReadable(until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return false }
            let ms = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, ms)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }   // let recv report the error
        }
    }

    /// Receives up to `scratch.count` bytes and appends them to `buffer`.
    /// - Returns: bytes received; 0 at end of stream or on error (both end the connection).
    func receive(appendingTo buffer: inout [UInt8], scratch: inout [UInt8]) -> Int {
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: scratch[0..<n])
                return n
            }
            if n < 0 && errno == EINTR { continue }
            return 0
        }
    }

    // MARK: - Writing

    /// Sends all of `bytes` (one `send` in the usual case, so headers and body leave in one segment).
    /// `MSG_NOSIGNAL` keeps a vanished client from raising SIGPIPE and killing the process.
    /// - Returns: `false` if the client is gone or the send timed out.
    @discardableResult
    func sendAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
            }
            return true
        }
    }

    /// Sends what fits without blocking; used where the caller must never stall (the accept loop's 503).
    func sendWithoutBlocking(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    }

    /// Reads and discards what is already buffered, without blocking.
    func discardPending() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<16 {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n <= 0 { return }
        }
    }

    // MARK: - Options and teardown

    /// Disables Nagle's algorithm: with keep-alive, Nagle plus the client's delayed ACK stalls
    /// each small response about 40 ms.
    func setNoDelay() {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Bounds how long one `send` may block on a client that stopped reading.
    func setSendTimeout(seconds: Double) {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Shuts down reading and/or writing; safe from another thread, it wakes a blocked `poll` or `accept`.
    func shutdown(_ how: Int32 = Int32(SHUT_RDWR)) {
        _ = Glibc.shutdown(fd, how)
    }

    /// Closes the descriptor; only the owning thread calls this.
    func close() {
        _ = Glibc.close(fd)
    }
}
