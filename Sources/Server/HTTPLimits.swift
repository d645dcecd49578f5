import Glibc

/// The bounds that keep one client from exhausting the server: sizes, counts and timeouts.
///
/// Each limit has a distinct answer: a long request line gets 400, too many or too large headers 431,
/// a large body 413 (without reading it), a slow or idle client is disconnected, and the connection
/// past `maxConnections` gets 503. Tests shrink the timeouts to keep runs short.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (method, target, version), bytes.
    public var requestLine: Int
    /// Most header lines in one request.
    public var headerCount: Int
    /// Most bytes of header lines in one request.
    public var headerBytes: Int
    /// Largest request body, bytes.
    public var body: Int
    /// Larger bodies allowed under some path prefixes (a remote worker's epoch carries its
    /// checkpoint): the longest matching prefix's limit replaces `body`.
    public var bodyByPrefix: [String: Int] = [:]
    /// Seconds a keep-alive connection may sit idle between requests.
    public var idleTimeout: Double
    /// Seconds a client has to finish sending a request once its first byte arrived (stops slowloris).
    public var readTimeout: Double
    /// Seconds one send may block on a client that does not read.
    public var writeTimeout: Double
    /// Seconds `stop()` lets in-flight responses (and event streams) run before cutting them off.
    public var shutdownGrace: Double
    /// Most open client connections; the next one is answered 503 and closed.
    public var maxConnections: Int
    /// Most requests whose handlers run at once; the others' threads wait, asleep, for a turn.
    /// Connections (and event streams, and responses being sent) are not limited by it. A thread
    /// per busy connection alone let 100 connections of wrk keep 100 threads runnable, which
    /// outweighed two training threads; with the cores' count, requests still use every idle core.
    /// Turns are given first come, first served (`Turns`).
    public var concurrentHandlers: Int = max(2, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    public init(requestLine: Int = 8 * 1024, headerCount: Int = 100, headerBytes: Int = 16 * 1024,
                body: Int = 1 << 20, idleTimeout: Double = 30, readTimeout: Double = 10,
                writeTimeout: Double = 30, shutdownGrace: Double = 5, maxConnections: Int = 4096) {
        self.requestLine = requestLine
        self.headerCount = headerCount
        self.headerBytes = headerBytes
        self.body = body
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.shutdownGrace = shutdownGrace
        self.maxConnections = maxConnections
    }

    /// The body limit for a request to `path`.
    public func body(for path: String) -> Int {
        var best: (prefix: Int, limit: Int)?
        for (prefix, limit) in bodyByPrefix where path.hasPrefix(prefix) && prefix.count > best?.prefix ?? -1 {
            best = (prefix.count, limit)
        }
        return best?.limit ?? body
    }
}
