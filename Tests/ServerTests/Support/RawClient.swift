import Glibc
import Testing
@testable import Server

/// A blocking TCP client on raw sockets, so tests control every byte (malformed requests, slow
/// sends, half-sent bodies) that a real HTTP client would refuse to produce.
final class RawClient {
    let fd: Int32
    private var pending: [UInt8] = []

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum ClientError: Error { case connect(Int32) }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 { let code = errno; Glibc.close(fd); throw ClientError.connect(code) }
    }

    deinit { Glibc.close(fd) }

    /// Sends everything; `false` if the server has gone.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        Socket(fd: fd).sendAll(bytes)
    }

    /// Reads one response framed by Content-Length (or by close when there is none).
    func readResponse(timeout: Double = 5) -> Response? {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            if let response = parse() { return response }
            guard fill(until: deadline) else { return closedResponse() }
        }
    }

    /// Reads until the server closes; `nil` if it is still open after `timeout`.
    func readUntilClosed(timeout: Double = 5) -> [UInt8]? {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while fill(until: deadline) {}
        if ContinuousClock.now >= deadline { return nil }
        defer { pending = [] }
        return pending
    }

    /// Whether the server closes the connection within `seconds` (after any data it sends).
    func isClosed(within seconds: Double) -> Bool {
        readUntilClosed(timeout: seconds) != nil
    }

    /// Reads whatever arrives within `timeout` without expecting a close (for streams).
    func readAvailable(until predicate: (String) -> Bool, timeout: Double = 5) -> String {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while !predicate(String(decoding: pending, as: UTF8.self)) && fill(until: deadline) {}
        return String(decoding: pending, as: UTF8.self)
    }

    // MARK: - Internals

    /// Reads more bytes; `false` on EOF, error or deadline.
    private func fill(until deadline: ContinuousClock.Instant) -> Bool {
        let socket = Socket(fd: fd)
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        return socket.waitReadable(until: deadline) && socket.receive(appendingTo: &pending, scratch: &scratch) > 0
    }

    private func parse() -> Response? {
        guard let end = headEnd() else { return nil }
        let (status, headers) = parseHead(Array(pending[0..<end]))
        if status / 100 == 1 {   // 100 Continue: skip it, the real response follows
            pending.removeFirst(end + 4)
            return parse()
        }
        guard let length = headers["Content-Length"].flatMap(Int.init) else { return nil }
        guard pending.count >= end + 4 + length else { return nil }
        let body = Array(pending[(end + 4)..<(end + 4 + length)])
        pending.removeFirst(end + 4 + length)
        return Response(status: status, headers: headers, body: body)
    }

    private func closedResponse() -> Response? {
        guard let end = headEnd() else { return nil }
        let (status, headers) = parseHead(Array(pending[0..<end]))
        defer { pending = [] }
        return Response(status: status, headers: headers, body: Array(pending[(end + 4)...]))
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for i in 0...(pending.count - 4) where pending[i] == 13 && pending[i + 1] == 10 && pending[i + 2] == 13 && pending[i + 3] == 10 {
            return i
        }
        return nil
    }

    private func parseHead(_ bytes: [UInt8]) -> (Int, HTTPHeaders) {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers.add(String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        return (status, headers)
    }
}
