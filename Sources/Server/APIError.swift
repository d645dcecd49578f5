import Wire

/// An error a handler throws to answer the client; the `Router` is the one place it becomes a response.
///
/// Encodes as `{"error":{"code":"invalid_spec","message":"lr must be > 0","field":"optimizer.lr"}}`,
/// with `field` written as `null` when no single field is at fault, so clients can rely on the key.
///
/// ```swift
/// throw APIError(.notFound, "no run with id 7")
/// throw APIError(.invalidSpec, "must be > 0 (got -1.0)", field: "optimizer.lr")
/// ```
public struct APIError: Error, Encodable, Sendable, Equatable, CustomStringConvertible {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    /// - Parameters:
    ///   - code: what went wrong; it picks the HTTP status.
    ///   - message: a sentence for the user; never internal detail (that goes to the log).
    ///   - field: the dotted path of the offending spec field, if one is at fault.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The HTTP status this error is sent with.
    public var status: Int { code.status }

    public var description: String {
        "\(code.rawValue): \(message)" + (field.map { " (field \($0))" } ?? "")
    }

    /// Encodes as the API's `ErrorBody`.
    public func encode(to encoder: any Encoder) throws {
        try ErrorBody(code: code, message: message, field: field).encode(to: encoder)
    }
}
