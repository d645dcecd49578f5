/// Decodes HTTP/1.1 request heads from a byte buffer (RFC 9112), checking every limit while it reads.
///
/// The connection calls `decodeHead` each time more bytes arrive: `nil` means "need more", a thrown
/// `HTTPDecoderError` means "answer 4xx and close". Limits are checked on the partial buffer too, so a
/// client cannot make the server buffer an endless request line or header block before it says no.
/// Only `Content-Length` bodies are accepted: chunked bodies are refused rather than half-supported.
struct HTTPDecoder: Sendable {
    var limits: HTTPLimits

    init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Decodes the head at the start of `buffer`.
    /// - Returns: the head, or `nil` while the blank line that ends it has not arrived.
    /// - Throws: `HTTPDecoderError` for malformed or oversized input (also when still incomplete).
    func decodeHead(_ buffer: [UInt8]) throws(HTTPDecoderError) -> HTTPRequestHead? {
        var start = 0   // RFC 9112 §2.2: ignore blank lines before the request line (some clients add one after a body)
        while start < buffer.count, buffer[start] == Self.cr || buffer[start] == Self.lf { start += 1 }
        if start > limits.requestLine { throw .badRequestLine("too many blank lines before the request line") }
        guard let lineEnd = buffer[start...].firstIndex(of: Self.lf) else {
            if buffer.count - start > limits.requestLine { throw .requestLineTooLong(limit: limits.requestLine) }
            return nil
        }
        let requestLine = Self.trimmingCR(buffer[start..<lineEnd])
        if requestLine.count > limits.requestLine { throw .requestLineTooLong(limit: limits.requestLine) }
        let (method, target, minorVersion) = try Self.parseRequestLine(requestLine)

        var headers = HTTPHeaders()
        let headersStart = lineEnd + 1
        var position = headersStart
        while true {
            guard let end = buffer[position...].firstIndex(of: Self.lf) else {
                if buffer.count - headersStart > limits.headerBytes { throw .headersTooLarge(limit: limits.headerBytes) }
                return nil
            }
            let line = Self.trimmingCR(buffer[position..<end])
            position = end + 1
            if line.isEmpty { break }
            if position - headersStart > limits.headerBytes { throw .headersTooLarge(limit: limits.headerBytes) }
            if headers.count >= limits.headerCount { throw .tooManyHeaders(limit: limits.headerCount) }
            let (name, value) = try Self.parseHeader(line)
            headers.add(name, value)
        }

        let (path, query) = try Self.decodeTarget(target)
        let contentLength = try bodyLength(headers: headers, limit: limits.body(for: path))
        let connection = headers.values(for: "Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingWhitespace().lowercased() }
        let keepAlive = !connection.contains("close") && (minorVersion == 1 || connection.contains("keep-alive"))
        let expectsContinue = headers["Expect"]?.lowercased() == "100-continue"
        return HTTPRequestHead(method: method, target: target, path: path, query: query,
                               minorVersion: minorVersion, headers: headers, contentLength: contentLength,
                               keepAlive: keepAlive, expectsContinue: expectsContinue, length: position)
    }

    /// Decodes one whole request (head and body) at the start of `buffer`; `nil` while incomplete.
    func decode(_ buffer: [UInt8]) throws(HTTPDecoderError) -> HTTPRequest? {
        guard let head = try decodeHead(buffer), buffer.count >= head.length + head.contentLength else { return nil }
        return head.request(body: Array(buffer[head.length..<head.length + head.contentLength]))
    }

    // MARK: - Body framing

    /// The body length from `Content-Length`; refuses what would make framing ambiguous.
    /// No Content-Length means no body (RFC 9112 §6.3), for POST too: `curl -X POST .../cancel`
    /// sends none. Handlers that need a body answer 411 themselves (`HTTPRequest.requireLength()`).
    private func bodyLength(headers: HTTPHeaders, limit: Int) throws(HTTPDecoderError) -> Int {
        if headers.contains("Transfer-Encoding") { throw .transferEncodingNotSupported }
        let values = headers.values(for: "Content-Length")
        guard let text = values.first else { return 0 }
        if values.count > 1 { throw .badContentLength("more than one Content-Length header") }
        let digits = text.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= Self.zero && $0 <= Self.zero + 9 }) else {
            throw .badContentLength("\"\(text.prefix(32))\" is not a non-negative integer")
        }
        guard digits.count <= 18, let length = Int(text) else { throw .badContentLength("too many digits") }
        if length > limit { throw .bodyTooLarge(length: length, limit: limit) }
        return length
    }

    // MARK: - Request line

    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPDecoderError)
        -> (method: String, target: String, minorVersion: Int) {
        let parts = line.split(separator: space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
            throw .badRequestLine("expected METHOD SP target SP HTTP-version")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw .badRequestLine("bad method") }
        guard parts[1].allSatisfy({ $0 > space && $0 < 0x7F }) else { throw .badTarget("bytes outside visible ASCII") }
        guard parts[1].first == UInt8(ascii: "/") else { throw .badTarget("must start with /") }
        let version = String(decoding: parts[2], as: UTF8.self)
        switch version {
        case "HTTP/1.1": break
        case "HTTP/1.0": break
        case _ where version.hasPrefix("HTTP/"): throw .unsupportedVersion(String(version.prefix(16)))
        default: throw .badRequestLine("bad HTTP version")
        }
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self),
                version == "HTTP/1.1" ? 1 : 0)
    }

    /// Splits the target at `?` and percent-decodes both halves; NUL in a path is never legitimate.
    static func decodeTarget(_ target: String) throws(HTTPDecoderError) -> (path: String, query: [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = PercentDecoding.decode(parts[0]) else { throw .badTarget("bad percent-encoding in path") }
        if path.utf8.contains(0) { throw .badTarget("NUL in path") }
        guard let query = parts.count > 1 ? PercentDecoding.query(parts[1]) : [:] else {
            throw .badTarget("bad percent-encoding in query")
        }
        return (path, query)
    }

    // MARK: - Header lines

    static func parseHeader(_ line: ArraySlice<UInt8>) throws(HTTPDecoderError) -> (name: String, value: String) {
        if line.first == space || line.first == tab { throw .badHeader("obsolete line folding") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .badHeader("missing colon") }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .badHeader("bad field name") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == space || first == tab { value = value.dropFirst() }
        while let last = value.last, last == space || last == tab { value = value.dropLast() }
        if value.contains(where: { ($0 < space && $0 != tab) || $0 == 0x7F }) {
            throw .badHeader("control character in \(String(decoding: name, as: UTF8.self))")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// `tchar` of RFC 9110 §5.6.2: the bytes allowed in methods and field names.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), zero...(zero + 9): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == cr ? line.dropLast() : line
    }

    static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t"), zero = UInt8(ascii: "0")
}
