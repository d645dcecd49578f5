import Glibc

/// Creating the listening socket and accepting connections.
extension Socket {
    /// Binds and listens on `host:port` (`port` 0 picks an ephemeral port), with `SO_REUSEADDR`
    /// so a restarted server can bind while old connections sit in TIME_WAIT.
    /// - Throws: `SocketError` if the name does not resolve or no address can be bound.
    static func listening(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .failed(type: "getaddrinfo", errno: rc, message: String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError.failed(type: "bind", errno: 0, message: "no address for \(host)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry?.pointee {
            entry = info.ai_next
            let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
            guard fd >= 0 else { lastError = .makeFailed("socket"); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if bind(fd, info.ai_addr, info.ai_addrlen) == 0 && listen(fd, backlog) == 0 {
                return Socket(fd: fd)
            }
            lastError = .makeFailed("bind")
            _ = Glibc.close(fd)
        }
        throw lastError
    }

    /// The port the socket is bound to (the real one after binding port 0).
    func localPort() throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard rc == 0 else { throw .makeFailed("getsockname") }
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: storage) { raw in
            family == AF_INET6
                ? Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
                : Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    /// The outcome of one `accept`.
    enum Accepted {
        case connection(Socket)
        /// A transient failure (the peer reset, a signal): just accept again.
        case retry
        /// Out of descriptors or memory: back off before accepting again.
        case backOff(SocketError)
        /// The listening socket was shut down or closed: stop accepting.
        case closed
    }

    /// Accepts one connection, blocking until one arrives or the socket is shut down.
    func accept() -> Accepted {
        let client = Glibc.accept(fd, nil, nil)   // accept4 is hidden behind _GNU_SOURCE
        if client >= 0 {
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)   // keep client sockets out of child processes
            return .connection(Socket(fd: client))
        }
        switch errno {
        case EINTR, ECONNABORTED, EPROTO, EPERM: return .retry
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .backOff(.makeFailed("accept"))
        default: return .closed
        }
    }
}
