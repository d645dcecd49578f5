import Foundation

/// The one JSON configuration of the API: snake_case keys, sorted keys, and NaN/±inf as `null`.
///
/// `JSONEncoder` can only throw on non-finite floats or turn them into strings. A diverged run has a
/// NaN loss and must still be listable, and `"nan"` would break clients that expect a number or null,
/// so non-finite values are encoded as a sentinel string that no real value contains (Unicode
/// noncharacters) and the quoted sentinel is then replaced by `null` in the output bytes.
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

    /// Encodes `value` with the API's JSON configuration.
    /// - Throws: `EncodingError` only for values that cannot be JSON at all (never for NaN or infinity).
    public static func encodeJSON(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFiniteSentinel, negativeInfinity: nonFiniteSentinel, nan: nonFiniteSentinel)
        let data = try encoder.encode(value)
        return replacingNonFinite(Array(data))
    }

    /// U+FDD0 and U+FDEF are noncharacters: never interchanged text, so never in a real string value.
    /// (Built at run time because Swift refuses noncharacters in string literals.)
    static let nonFiniteSentinel: String = {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(0xFDD0)!)
        scalars.append(contentsOf: "mlplab-nonfinite".unicodeScalars)
        scalars.append(Unicode.Scalar(0xFDEF)!)
        return String(scalars)
    }()
    private static let quotedSentinel: [UInt8] = Array("\"\(nonFiniteSentinel)\"".utf8)

    /// Replaces every quoted sentinel with `null`, in one pass.
    static func replacingNonFinite(_ bytes: [UInt8]) -> [UInt8] {
        let needle = quotedSentinel
        guard let first = needle.first, bytes.count >= needle.count else { return bytes }
        var out: [UInt8] = []
        var i = 0
        var copiedUpTo = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == first && bytes[i..<i + needle.count].elementsEqual(needle) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: bytes[copiedUpTo..<i])
                out.append(contentsOf: "null".utf8)
                i += needle.count
                copiedUpTo = i
            } else {
                i += 1
            }
        }
        if copiedUpTo == 0 { return bytes }
        out.append(contentsOf: bytes[copiedUpTo...])
        return out
    }
}
