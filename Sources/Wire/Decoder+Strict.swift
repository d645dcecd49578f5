/// The pieces `init(from:)` of a strictly decoded body uses: unknown keys refused, choices
/// and integers checked, every error naming its field.

/// A coding key for any string, used to list the keys a JSON object really has.
public struct AnyCodingKey: CodingKey, Sendable {
    public let stringValue: String
    public let intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    public init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

extension Decoder {
    /// The dotted path of this decoder's position ("optimizer"), for error messages.
    public var fieldPath: String { codingPath.fieldPath }

    /// Throws a `SpecError` for the first key of this JSON object not in `allowed`.
    ///
    /// Codable ignores unknown keys; a spec must not, since a misspelt "dropuot" would
    /// silently train something else than the user asked for.
    public func rejectUnknownKeys(allowed: [String], context: String) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        let keys = container.allKeys.map(\.stringValue)
        if keys.allSatisfy(allowed.contains) { return }       // the common case: nothing to sort or report
        for key in keys.sorted() where !allowed.contains(key) {
            let field = fieldPath.isEmpty ? key : "\(fieldPath).\(key)"
            throw SpecError(field: field, "unknown field for \(context) (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }
}

extension Array where Element == any CodingKey {
    /// "model.hidden[1]" for [model, hidden, 1].
    public var fieldPath: String {
        reduce(into: "") { path, key in
            if let i = key.intValue { path += "[\(i)]" } else { path += path.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a string-valued choice (`"adam"`, `"relu"`), rejecting an unknown one with the
    /// list of accepted values rather than Codable's generic "cannot initialize" message.
    public func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T?
    where T.RawValue == String {
        guard let raw = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: raw) else {
            let field = (codingPath + [key]).fieldPath
            throw SpecError(field: field, "unknown value '\(raw)' (expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    /// Decodes a whole number, naming the field when the JSON holds a fraction or a number
    /// out of range (Foundation reports those without the field's path).
    public func decodeInteger(forKey key: Key) throws -> Int? {
        let field = (codingPath + [key]).fieldPath
        let value: Double?
        do { value = try decodeIfPresent(Double.self, forKey: key) } catch DecodingError.typeMismatch {
            throw SpecError(field: field, "expected an integer")
        }
        return try value.map { try Self.integer($0, field: field) }
    }

    /// Decodes a list of whole numbers ("model.hidden"), naming the offending element.
    public func decodeIntegers(forKey key: Key) throws -> [Int]? {
        guard let values = try decodeIfPresent([Double].self, forKey: key) else { return nil }
        let field = (codingPath + [key]).fieldPath
        return try values.enumerated().map { try Self.integer($1, field: "\(field)[\($0)]") }
    }

    private static func integer(_ value: Double, field: String) throws -> Int {
        guard value == value.rounded(), abs(value) < 9.0e15 else { throw SpecError(field: field, "expected an integer (got \(value))") }
        return Int(value)
    }
}
