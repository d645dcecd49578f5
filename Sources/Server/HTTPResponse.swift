/// What a handler returns: a status, headers and either bytes or an event stream.
///
/// The server adds `Content-Length`, `Connection` and `Date`; handlers set only what is theirs
/// (`Content-Type`, `Location`, `Allow`). A handler's `Connection: close` is honoured: the server
/// closes after the response.
///
/// ```swift
/// var response = HTTPResponse.json(run, status: 201)
/// response.headers["Location"] = "/api/runs/\(run.id)"
/// ```
public struct HTTPResponse: Sendable {
    /// A complete body, or a server-sent-event stream written by a closure on the connection's thread.
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Called once after the headers are sent; the connection closes when it returns.
        case stream(@Sendable (EventStream) -> Void)
    }

    public var status: Int
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: Int = 200, headers: HTTPHeaders = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body bytes, or empty for a stream (handy in tests).
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }

    /// A text body, e.g. CSV: `.text(csv, contentType: "text/csv; charset=utf-8")`.
    public static func text(_ text: String, status: Int = 200,
                            contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: .bytes(Array(text.utf8)))
    }

    /// No body, e.g. `204` after a DELETE.
    public static func empty(status: Int = 204) -> HTTPResponse {
        HTTPResponse(status: status)
    }

    /// The JSON error envelope with the status of its code.
    public static func error(_ error: APIError) -> HTTPResponse {
        json(error, status: error.status)
    }

    /// A `text/event-stream` response; `body` runs on the connection's thread until the stream ends.
    ///
    /// ```swift
    /// return .stream { events in
    ///     while events.send(event: "progress", data: json) { sleep(1) }
    /// }
    /// ```
    public static func stream(_ body: @escaping @Sendable (EventStream) -> Void) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                     body: .stream(body))
    }
}
