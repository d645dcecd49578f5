/// Builds a flat record (an `EpochRow`) from named scalars, the mirror of `FlatEncoder`: a row
/// of SQL columns read by name. A key with no value, or a null one, decodes as nil.
///
/// ```swift
/// let row = try FlatDecoder.decode(EpochRow.self) { key in columns[key] }
/// ```
public enum FlatDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, _ lookup: @escaping (String) -> FlatValue?) throws -> T {
        try T(from: FlatDecoding(lookup: lookup))
    }

    struct FlatDecoding: Decoder {
        let lookup: (String) -> FlatValue?
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Columns<Key>(lookup: lookup))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "FlatDecoder: a record"))
        }
        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "FlatDecoder: a record"))
        }
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let lookup: (String) -> FlatValue?
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { lookup(key.stringValue) != nil }
        func decodeNil(forKey key: Key) -> Bool { (lookup(key.stringValue) ?? .null) == .null }

        private func value(_ key: Key) throws -> FlatValue {
            guard let v = lookup(key.stringValue), v != .null else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: [key], debugDescription: "no value"))
            }
            return v
        }
        private func mismatch(_ key: Key, _ type: Any.Type) -> DecodingError {
            .typeMismatch(type, .init(codingPath: [key], debugDescription: "FlatDecoder: not a \(type)"))
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            switch try value(key) {
            case let .real(x): x
            case let .integer(n): Double(n)
            default: throw mismatch(key, type)
            }
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decode(Double.self, forKey: key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            guard case let .integer(n) = try value(key) else { throw mismatch(key, type) }
            return n
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try decode(Int64.self, forKey: key)) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Int64.self, forKey: key) != 0 }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case let .text(s) = try value(key) else { throw mismatch(key, type) }
            return s
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            switch type {
            case is Double.Type: return try decode(Double.self, forKey: key) as! T
            case is Int.Type: return try decode(Int.self, forKey: key) as! T
            case is Int64.Type: return try decode(Int64.self, forKey: key) as! T
            case is String.Type: return try decode(String.self, forKey: key) as! T
            case let raw as any (RawRepresentable<String> & Decodable).Type:
                let text = try decode(String.self, forKey: key)
                guard let v = raw.init(rawValue: text) as? T else { throw mismatch(key, type) }
                return v
            default: throw mismatch(key, type)
            }
        }
        func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw mismatch(key, [String: Any].self)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw mismatch(key, [Any].self) }
        func superDecoder() throws -> any Decoder {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "FlatDecoder: no super"))
        }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw mismatch(key, Any.self) }
    }
}
