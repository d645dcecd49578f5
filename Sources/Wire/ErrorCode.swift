/// The one table from an error code to its HTTP status (docs/API.md).
///
/// Handlers throw `APIError(.notFound, "no run 7")`; the `Router` turns it into a response whose
/// status comes from here, so a code can never be sent with the wrong status.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    case badRequest = "bad_request"                        // 400 malformed request, bad query, invalid JSON
    case invalidSpec = "invalid_spec"                      // 400, with the field
    case unauthorized = "unauthorized"                     // 401 no token, or one that does not work
    case forbidden = "forbidden"                           // 403 a token whose scope does not allow it
    case notFound = "not_found"                            // 404
    case methodNotAllowed = "method_not_allowed"           // 405, with an Allow header
    case conflict = "conflict"                             // 409 (e.g. delete a running run)
    case lengthRequired = "length_required"                // 411 POST/PUT without Content-Length
    case tooLarge = "payload_too_large"                    // 413 body over the limit
    case unsupportedMediaType = "unsupported_media_type"   // 415 body that is not JSON
    case headersTooLarge = "headers_too_large"             // 431 too many or too long header lines
    case unavailable = "unavailable"                       // 503 too many connections, shutting down
    case insufficientStorage = "insufficient_storage"      // 507 the disk holding the database is full
    case `internal` = "internal"                           // 500, generic message; detail in the log

    /// The HTTP status sent with this code.
    public var status: Int {
        switch self {
        case .badRequest, .invalidSpec: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .lengthRequired: 411
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .headersTooLarge: 431
        case .unavailable: 503
        case .insufficientStorage: 507
        case .internal: 500
        }
    }
}
