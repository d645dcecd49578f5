import Foundation
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client over a raw loopback socket, for end-to-end tests: one request
/// per connection (`Connection: close`), the whole answer read until the server closes.
public enum TestHTTPClient {
    public struct Response {
        public let status: Int
        public let headers: [String: String]      // lower-cased names
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// Decodes the body as the wire type `T`, with the API's JSON configuration.
        public func json<T: Decodable>(_ type: T.Type) throws -> T { try WireJSON.decode(T.self, from: body) }
    }

    /// Sends `raw` bytes as they are (for malformed requests) and reads the reply.
    public static func send(port: Int, raw: [UInt8], timeout: Double = 30) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        _ = raw.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var reply = [UInt8](), buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        return try parse(reply)
    }

    public static func request(port: Int, _ method: String, _ path: String, body: String? = nil,
                               headers: [String: String] = [:], timeout: Double = 30) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        var all = headers
        if let body { all["Content-Length"] = all["Content-Length"] ?? "\(body.utf8.count)" }
        if body != nil && all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
        return try send(port: port, raw: Array((head + "\r\n" + (body ?? "")).utf8), timeout: timeout)
    }

    static func parse(_ reply: [UInt8]) throws -> Response {
        guard let split = (0..<max(0, reply.count - 3)).first(where: {
            reply[$0] == 13 && reply[$0 + 1] == 10 && reply[$0 + 2] == 13 && reply[$0 + 3] == 10
        }) else { throw POSIXError(.EBADMSG) }
        let lines = String(decoding: reply[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Response(status: status, headers: headers, body: Array(reply[(split + 4)...]))
    }
}
