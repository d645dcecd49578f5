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
        append("HTTP/1.1 \(response.status) \(reason(for: response.status))\r\nDate: ", to: &out)
        appendHTTPDate(time(nil), to: &out)
        append("\r\n", to: &out)
        for field in response.headers where !framingHeaders.contains(where: { HTTPHeaders.sameName($0, field.name) }) {
            appendClean(field.name, to: &out)
            append(": ", to: &out)
            appendClean(field.value, to: &out)
            append("\r\n", to: &out)
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// Header text without its CR and LF bytes (a "\r\n" Character is those two bytes), so a
    /// value can never end the line early. Scans bytes: walking Characters cost more than the
    /// rest of the encoding.
    private static func appendClean(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        if utf8.contains(where: { $0 == 13 || $0 == 10 }) {
            out.append(contentsOf: utf8.filter { $0 != 13 && $0 != 10 })
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// The current time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as RFC 9110 §6.6.1 requires.
    static func httpDate() -> String {
        var out: [UInt8] = []
        appendHTTPDate(time(nil), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .map { Array($0.utf8) }

    /// Writes `seconds` (since 1970, UTC) as an IMF-fixdate: English names whatever the locale,
    /// without strftime, which showed in every response's profile.
    static func appendHTTPDate(_ seconds: time_t, to out: inout [UInt8]) {
        var t = seconds, parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) { out.append(UInt8(48 + n / 10)); out.append(UInt8(48 + n % 10)) }
        out.append(contentsOf: weekdays[Int(parts.tm_wday)])
        out.append(contentsOf: ", ".utf8)
        two(parts.tm_mday)
        out.append(32)
        out.append(contentsOf: months[Int(parts.tm_mon)])
        out.append(32)
        two((parts.tm_year + 1900) / 100)
        two((parts.tm_year + 1900) % 100)
        out.append(32)
        two(parts.tm_hour)
        out.append(58)
        two(parts.tm_min)
        out.append(58)
        two(parts.tm_sec)
        out.append(contentsOf: " GMT".utf8)
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
