import Glibc

/// Serialises responses into one byte buffer each, so a response leaves in a single `send`.
///
/// Two sends per response (head, then body) meet Nagle's algorithm on one side and delayed ACKs on
/// the other and stall every keep-alive response ~40 ms; one buffer avoids that without relying on
/// `TCP_NODELAY` alone. The encoder owns the framing headers (`Content-Length`, `Connection`,
/// `Date`); handler-set copies of those are dropped, and CR/LF in header text is removed so a
/// header value can never split the response.
enum HTTPEncoder {
    /// The head and body of a complete response.
    /// - Parameters:
    ///   - keepAlive: whether the connection stays open (else `Connection: close`).
    ///   - minorVersion: the request's HTTP minor version; 1.0 clients need an explicit keep-alive.
    ///   - headOnly: for HEAD requests: the same headers, no body.
    static func encode(_ response: HTTPResponse, keepAlive: Bool, minorVersion: Int = 1,
                       headOnly: Bool = false) -> [UInt8] {
        let body = response.bodyBytes
        var out: [UInt8] = []
        out.reserveCapacity(256 + (headOnly ? 0 : body.count))
        appendHead(response, to: &out)
        if response.status >= 200 && response.status != 204 && response.status != 304 {
            append("Content-Length: \(body.count)\r\n", to: &out)
        }
        if !keepAlive {
            append("Connection: close\r\n", to: &out)
        } else if minorVersion == 0 {
            append("Connection: keep-alive\r\n", to: &out)
        }
        append("\r\n", to: &out)
        if !headOnly { out.append(contentsOf: body) }
        return out
    }

    /// The head of an event-stream response: no Content-Length (the stream ends when the connection
    /// closes), `Cache-Control: no-cache` so proxies pass events through as they come.
    static func encodeStreamHead(_ response: HTTPResponse) -> [UInt8] {
        var response = response
        response.headers["Content-Type"] = "text/event-stream"
        response.headers["Cache-Control"] = "no-cache"
        var out: [UInt8] = []
        appendHead(response, to: &out)
        append("Connection: close\r\n\r\n", to: &out)
        return out
    }

    /// `100 Continue`, sent before reading a body the client holds back (`Expect: 100-continue`, curl > 1 KiB).
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // MARK: - Pieces

    private static let framingHeaders = ["Content-Length", "Connection", "Transfer-Encoding", "Date", "Keep-Alive"]

    private static func appendHead(_ response: HTTPResponse, to out: inout [UInt8]) {
        append("HTTP/1.1 \(response.status) \(reason(for: response.status))\r\nDate: \(httpDate())\r\n", to: &out)
        for field in response.headers where !framingHeaders.contains(where: { HTTPHeaders.sameName($0, field.name) }) {
            append(clean(field.name) + ": " + clean(field.value) + "\r\n", to: &out)
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    private static func clean(_ text: String) -> String {
        text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            ? String(text.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }) : text
    }

    /// The current time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as RFC 9110 §6.6.1 requires.
    static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 40)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The reason phrase for the statuses this service sends (any other gets a generic one).
    static func reason(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: status < 400 ? "OK" : status < 500 ? "Client Error" : "Server Error"
        }
    }
}
