/// What the server does to a handler's response for the client that asked: `304 Not Modified`
/// when the client's `If-None-Match` names the response's `ETag`, and gzip when the client accepts
/// it and the body is text worth compressing. Handlers stay unaware of both.
extension HTTPResponse {
    /// Bodies shorter than this go as they are: gzip's 18-byte frame and the CPU outweigh the saving.
    static let gzipMinimumBytes = 256

    /// Media types that compress well (JSON, CSV, HTML, JS, CSS, SVG, plain text).
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingWhitespace().lowercased() else { return false }
        return type.hasPrefix("text/") && type != "text/event-stream"
            || type == "application/json" || type == "image/svg+xml" || type.hasSuffix("+json")
    }

    /// The response as sent to `request`: a 304, a gzipped copy, or itself.
    ///
    /// ```swift
    /// let response = handler(request).negotiated(for: request)
    /// ```
    public func negotiated(for request: HTTPRequest) -> HTTPResponse {
        guard case .bytes(let bytes) = body, status == 200 || status == 201 else { return self }
        let gzip = Self.acceptsGzip(request.headers["Accept-Encoding"])
            && Self.isCompressible(headers["Content-Type"]) && headers["Content-Encoding"] == nil
            && bytes.count >= Self.gzipMinimumBytes
        var response = self
        if Self.isCompressible(headers["Content-Type"]) { response.headers["Vary"] = "Accept-Encoding" }
        // One ETag per representation: the gzipped body is a different byte sequence.
        if gzip, let tag = headers["ETag"] { response.headers["ETag"] = Self.gzipTag(tag) }
        if let tag = response.headers["ETag"], request.method == "GET" || request.method == "HEAD",
           let wanted = request.headers["If-None-Match"], Self.matches(wanted, tag) {
            var notModified = HTTPResponse(status: 304, headers: [:], body: .bytes([]))
            for name in ["ETag", "Cache-Control", "Vary"] { notModified.headers[name] = response.headers[name] }
            return notModified
        }
        if gzip, let packed = Gzip.compress(bytes), packed.count < bytes.count {
            response.headers["Content-Encoding"] = "gzip"
            response.body = .bytes(packed)
        } else if gzip, let tag = headers["ETag"] {
            response.headers["ETag"] = tag   // sent as is after all
        }
        return response
    }

    /// Whether an `Accept-Encoding` value allows gzip (`gzip`, `x-gzip` or `*`, without `q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    /// `"abc"` -> `"abc-gz"`, `W/"abc"` -> `W/"abc-gz"`.
    static func gzipTag(_ tag: String) -> String {
        tag.hasSuffix("\"") ? String(tag.dropLast()) + "-gz\"" : tag + "-gz"
    }

    /// Weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag equal to `tag` ignoring `W/`.
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        let strip = { (t: Substring) -> Substring in t.hasPrefix("W/") ? t.dropFirst(2) : t }
        let mine = strip(Substring(tag))
        return ifNoneMatch.split(separator: ",").contains { item in
            let t = item.trimmingWhitespace()
            return t == "*" || strip(t) == mine
        }
    }
}
