import Foundation
import Wire

/// JSON responses, written with the API's one configuration (`WireJSON`: snake_case keys as the
/// types declare them, sorted keys, NaN and infinity as `null`).
extension HTTPResponse {
    /// A JSON response; if encoding fails (a bug), a 500 `internal` error instead.
    ///
    /// ```swift
    /// return .json(HealthResponse(status: "ok", version: "0.1.0"))
    /// ```
    public static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let body: [UInt8]
        var status = status
        do {
            body = try encodeJSON(value)
        } catch {
            status = 500
            body = Array(#"{"error":{"code":"internal","field":null,"message":"internal error"}}"#.utf8)
        }
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: .bytes(body))
    }

    /// Encodes `value` with the API's JSON configuration (`WireJSON`).
    /// - Throws: `EncodingError` only for values that cannot be JSON at all (never for NaN or infinity).
    public static func encodeJSON(_ value: some Encodable) throws -> [UInt8] { try WireJSON.encode(value) }
}
