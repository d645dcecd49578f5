import Testing
import Wire

struct ErrorCodeTests {
    @Test func status_matchesAPITable() {
        let expected: [ErrorCode: Int] = [
            .badRequest: 400, .invalidSpec: 400, .unauthorized: 401, .forbidden: 403, .notFound: 404, .methodNotAllowed: 405, .conflict: 409,
            .lengthRequired: 411, .tooLarge: 413, .unsupportedMediaType: 415, .headersTooLarge: 431,
            .unavailable: 503, .insufficientStorage: 507, .internal: 500,
        ]
        for code in ErrorCode.allCases { #expect(code.status == expected[code], "\(code)") }
    }

    @Test func rawValues_areTheDocumentedCodes() {
        #expect(ErrorCode.allCases.map(\.rawValue) == [
            "bad_request", "invalid_spec", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict", "length_required",
            "payload_too_large", "unsupported_media_type", "headers_too_large", "unavailable", "insufficient_storage",
            "internal",
        ])
    }
}
