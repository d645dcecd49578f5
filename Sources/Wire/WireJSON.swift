import Foundation

/// The API's one JSON configuration, for every body the service writes and every body the
/// service, the CLI and the tests read.
///
/// Keys are what each type's `CodingKeys` say (snake_case, written out): no key strategy, so a
/// spec's `batch_size` reads the same inside a request and inside a run object, and the strict
/// decoder sees the keys the client really sent. Non-finite numbers are written as `null`
/// (a diverged run has a NaN loss and must stay listable).
public enum WireJSON {
    /// Encodes with sorted keys; NaN and ±infinity become `null`.
    /// - Throws: `EncodingError` only for values that cannot be JSON at all.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFiniteSentinel, negativeInfinity: nonFiniteSentinel, nan: nonFiniteSentinel)
        return replacingNonFinite(Array(try encoder.encode(value)))
    }

    /// `encode` as a string (JSON kept in a text column, one line of CLI output).
    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Decodes a body this API wrote (a response, a stored column).
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Decodes a request body strictly: every failure is a `SpecError` naming the field
    /// (an empty field when the body is not JSON at all).
    ///
    /// ```swift
    /// let spec = try WireJSON.strict(RunSpec.self, from: body)   // SpecError("optimizer.lr", ...)
    /// ```
    public static func strict<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(SpecError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch {
            throw specError(error)
        }
    }

    /// Turns a decoding failure into a SpecError that names the field.
    static func specError(_ error: Error) -> SpecError {
        if let error = error as? SpecError { return error }
        guard let error = error as? DecodingError else { return SpecError(field: "", "\(error)") }
        switch error {
        case let .typeMismatch(type, context):
            return SpecError(field: context.codingPath.fieldPath, "expected \(jsonName(type))")
        case let .valueNotFound(type, context):
            return SpecError(field: context.codingPath.fieldPath, "expected \(jsonName(type)), found null")
        case let .keyNotFound(key, context):
            return SpecError(field: (context.codingPath + [key]).fieldPath, "is required")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return SpecError(field: "", "invalid JSON" + (detail.map { ": \($0)" } ?? ""))
            }
            return SpecError(field: context.codingPath.fieldPath, "invalid value: \(context.debugDescription)")
        @unknown default:
            return SpecError(field: "", "\(error)")
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Float.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Int].Type: "a list of integers"
        default: "a JSON object or list"
        }
    }

    // MARK: - Non-finite numbers

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
        var i = 0, copiedUpTo = 0
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
