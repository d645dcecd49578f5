/// The body of every error answer: `{"error": {"code": "invalid_spec", "message": "...", "field": "optimizer.lr"}}`.
/// `field` is always present, `null` when the error is not about one field.
public struct ErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: ErrorCode
        public var message: String
        public var field: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(message, forKey: .message)
            try c.encode(field, forKey: .field)   // null when nil, unlike the synthesized encodeIfPresent
        }
    }
    public var error: Detail

    public init(code: ErrorCode, message: String, field: String?) {
        error = Detail(code: code, message: message, field: field)
    }
}

extension ErrorBody: WireExample {
    public static var example: ErrorBody { ErrorBody(code: .invalidSpec, message: "must be > 0 (got -0.1)", field: "optimizer.lr") }
}
