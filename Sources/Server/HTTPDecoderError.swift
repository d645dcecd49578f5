/// Why a request could not be decoded; each case maps to one 4xx answer, after which the connection
/// is closed (the byte stream can no longer be trusted to be in step).
enum HTTPDecoderError: Error, Equatable {
    case badRequestLine(String)
    case requestLineTooLong(limit: Int)
    case unsupportedVersion(String)
    case badTarget(String)
    case badHeader(String)
    case tooManyHeaders(limit: Int)
    case headersTooLarge(limit: Int)
    case badContentLength(String)
    case transferEncodingNotSupported
    case bodyTooLarge(length: Int, limit: Int)

    /// The error sent to the client.
    var apiError: APIError {
        switch self {
        case .badRequestLine(let why): APIError(.badRequest, "malformed request line: \(why)")
        case .requestLineTooLong(let limit): APIError(.badRequest, "request line longer than \(limit) bytes")
        case .unsupportedVersion(let version): APIError(.badRequest, "unsupported HTTP version \(version)")
        case .badTarget(let why): APIError(.badRequest, "malformed request target: \(why)")
        case .badHeader(let why): APIError(.badRequest, "malformed header: \(why)")
        case .tooManyHeaders(let limit): APIError(.headersTooLarge, "more than \(limit) header lines")
        case .headersTooLarge(let limit): APIError(.headersTooLarge, "headers longer than \(limit) bytes")
        case .badContentLength(let why): APIError(.badRequest, "invalid Content-Length: \(why)")
        case .transferEncodingNotSupported:
            APIError(.lengthRequired, "Transfer-Encoding (chunked bodies) is not supported; send Content-Length")
        case .bodyTooLarge(let length, let limit):
            APIError(.tooLarge, "body of \(length) bytes is over the limit of \(limit) bytes")
        }
    }
}
