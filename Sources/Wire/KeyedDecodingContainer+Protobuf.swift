/// Decoding the JSON that protobuf clients write (MLflow's): int64 fields arrive as numbers or as
/// strings ("1733000000000"), and doubles may be the strings "NaN", "Infinity", "-Infinity".

extension Decoder {
    /// This object's keyed container, after refusing keys outside `Key.allCases`.
    ///
    /// ```swift
    /// let c = try decoder.strictContainer(CodingKeys.self, context: "LogMetric")
    /// ```
    public func strictContainer<Key: CodingKey & CaseIterable>(_ type: Key.Type, context: String) throws
        -> KeyedDecodingContainer<Key> {
        try rejectUnknownKeys(allowed: Key.allCases.map(\.stringValue), context: context)
        return try container(keyedBy: Key.self)
    }
}

extension KeyedDecodingContainer {
    /// An int64 written as a JSON number or a decimal string (protobuf's JSON mapping). Numbers,
    /// the common case, are tried first: a thrown `DecodingError` costs more than the decode.
    public func decodeInt64(forKey key: Key) throws -> Int64? {
        var field: String { (codingPath + [key]).fieldPath }     // only for errors: building it costs
        do {
            guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
            guard value == value.rounded(), abs(value) < 9.0e15 else { throw SpecError(field: field, "expected an integer (got \(value))") }
            return Int64(value)
        } catch DecodingError.typeMismatch {
            guard let text = try? decode(String.self, forKey: key) else { throw SpecError(field: field, "expected an integer") }
            guard let value = Int64(text) else { throw SpecError(field: field, "expected an integer (got '\(text)')") }
            return value
        }
    }

    /// A double written as a JSON number, or as "NaN", "Infinity" or "-Infinity".
    public func decodeDouble(forKey key: Key) throws -> Double? {
        var field: String { (codingPath + [key]).fieldPath }
        do { return try decodeIfPresent(Double.self, forKey: key) } catch DecodingError.typeMismatch {
            guard let text = try? decode(String.self, forKey: key) else { throw SpecError(field: field, "expected a number") }
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                guard let value = Double(text) else { throw SpecError(field: field, "expected a number (got '\(text)')") }
                return value
            }
        }
    }

    /// A string field that protobuf treats as absent when empty.
    public func decodeText(forKey key: Key) throws -> String? {
        guard let text = try decodeIfPresent(String.self, forKey: key), !text.isEmpty else { return nil }
        return text
    }

    /// A required string field.
    public func requireText(forKey key: Key) throws -> String {
        guard let text = try decodeText(forKey: key) else {
            throw SpecError(field: (codingPath + [key]).fieldPath, "is required")
        }
        return text
    }
}
