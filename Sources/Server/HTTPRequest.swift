/// One decoded HTTP request, handed to handlers by value (hence `Sendable`).
///
/// `target` is kept raw for logging; `path` and `query` are percent-decoded once here so no handler
/// decodes again (double decoding is how `%252e` turns into `..`).
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target exactly as sent, e.g. `/api/runs?status=running&limit=5`.
    public var target: String
    /// The percent-decoded path, e.g. `/api/runs/7`.
    public var path: String
    /// Decoded query parameters; a repeated key keeps its last value.
    public var query: [String: String]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// Builds a request from its parts, as the decoder does.
    public init(method: String, target: String, path: String, query: [String: String],
                headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Builds a request from a raw target, decoding path and query the way the server does;
    /// meant for tests of handlers. A target that does not decode is kept raw as the path.
    ///
    /// ```swift
    /// let request = HTTPRequest(method: "GET", target: "/api/runs?limit=2")
    /// ```
    public init(method: String, target: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = PercentDecoding.decode(parts[0]) ?? String(parts[0])
        let query = parts.count > 1 ? PercentDecoding.query(parts[1]) ?? [:] : [:]
        self.init(method: method, target: target, path: path, query: query, headers: headers, body: body)
    }
}
