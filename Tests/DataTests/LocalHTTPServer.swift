import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-thread HTTP/1.0 server on 127.0.0.1 for the download tests: it answers each GET
/// with the file registered for its path, or 404. Not a model for the real server.
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let files: [String: [UInt8]]

    init(files: [String: [UInt8]]) throws {
        self.files = files
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        _ = len
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)/" }

    /// Wakes the accept loop, which closes the socket itself: closing it here could hand the
    /// descriptor number to the next test's server while this loop still accepts on it.
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { close(fd); return }
            var buffer = [UInt8](repeating: 0, count: 4096), request = [UInt8]()
            while !request.containsHeaderEnd {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { break }
                request += buffer[0..<n]
            }
            let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
            let path = line.count > 1 ? String(line[1].dropFirst()) : ""
            let body = files[path]
            let head = body == nil ? "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                : "HTTP/1.0 200 OK\r\nContent-Length: \(body!.count)\r\n\r\n"
            let reply = Array(head.utf8) + (body ?? [])
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(client)
        }
    }
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        count >= 4 && (0...(count - 4)).contains { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
