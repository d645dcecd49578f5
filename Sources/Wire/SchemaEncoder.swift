/// Describes an `Encodable` type by encoding its example: the keys its `CodingKeys` write,
/// what each holds, and which may be null (`encodeIfPresent`, `encodeNil`).
///
/// ```swift
/// let schema = try SchemaEncoder.schema(of: Health.example)   // .object([status: string, ...])
/// ```
public enum SchemaEncoder {
    /// Types described by hand in the document: their schema is `.named(name)`.
    public protocol Named { static var schemaName: String { get } }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func schema(of value: some Encodable) throws -> Schema {
        if let named = type(of: value) as? any Named.Type { return .named(named.schemaName) }
        switch value {
        case is String: return .scalar("string")
        case is Bool: return .scalar("boolean")
        case is Double, is Float: return .scalar("number")
        case is any BinaryInteger: return .scalar("integer")
        default: break
        }
        if let cases = enumCases(of: type(of: value)) { return .enumeration(cases) }
        let node = Node()
        try value.encode(to: Encoding(node: node))
        guard let schema = node.schema else { throw Failure(description: "\(type(of: value)) encoded nothing") }
        return schema
    }

    /// The schema of a type given only statically (a nil optional): its example, or a scalar.
    static func schema<T: Encodable>(ofType type: T.Type) throws -> Schema {
        if let named = type as? any Named.Type { return .named(named.schemaName) }
        switch type {
        case is String.Type: return .scalar("string")
        case is Bool.Type: return .scalar("boolean")
        case is Double.Type, is Float.Type: return .scalar("number")
        case is any BinaryInteger.Type: return .scalar("integer")
        default: break
        }
        if let cases = enumCases(of: type) { return .enumeration(cases) }
        guard let example = type as? any WireExample.Type else {
            throw Failure(description: "\(type) is nil in the example and has no example of its own")
        }
        return try schema(of: example.example)
    }

    private static func enumCases(of type: Any.Type) -> [String]? {
        guard let t = type as? any (CaseIterable & RawRepresentable<String>).Type else { return nil }
        func names<E: CaseIterable & RawRepresentable<String>>(_: E.Type) -> [String] { E.allCases.map(\.rawValue) }
        return names(t)
    }

    /// Collects what one value encodes.
    final class Node {
        var schema: Schema?
        var properties: [Schema.Property] = []
    }

    struct Encoding: Encoder {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.schema = .object([])
            return KeyedEncodingContainer(Keyed<Key>(node: node))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(node: node) }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        private func add(_ key: Key, _ schema: Schema, optional: Bool) {
            node.properties.append(.init(name: key.stringValue, schema: schema, optional: optional))
            node.schema = .object(node.properties)
        }
        mutating func encodeNil(forKey key: Key) throws {
            throw Failure(description: "\(key.stringValue) is null in the example: set every field")
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let optional = value as? any OptionalEncodable {    // encode(Optional) writes null when nil
                add(key, try optional.wrappedSchema(), optional: true)
            } else {
                add(key, try SchemaEncoder.schema(of: value), optional: false)
            }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            add(key, try value.map { try SchemaEncoder.schema(of: $0) } ?? SchemaEncoder.schema(ofType: T.self), optional: true)
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { add(key, .scalar("number"), optional: true) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { add(key, .scalar("integer"), optional: true) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { add(key, .scalar("integer"), optional: true) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { add(key, .scalar("string"), optional: true) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { add(key, .scalar("boolean"), optional: true) }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let child = Node()
            child.schema = .object([])
            defer { add(key, .object([]), optional: false) }
            return KeyedEncodingContainer(Keyed<N>(node: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("SchemaEncoder: nested unkeyed containers are not used by wire types")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("SchemaEncoder: no super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("SchemaEncoder: no super") }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count = 0
        mutating func encodeNil() throws { throw Failure(description: "null list element in an example") }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if count == 0 { node.schema = .array(try SchemaEncoder.schema(of: value)) }
            count += 1
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
            preconditionFailure("SchemaEncoder: nested containers in lists are not used by wire types")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("SchemaEncoder: nested lists are encoded as arrays of arrays")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("SchemaEncoder: no super") }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws { throw Failure(description: "null value in an example") }
        mutating func encode<T: Encodable>(_ value: T) throws { node.schema = try SchemaEncoder.schema(of: value) }
    }
}

/// Lets the encoder see through `Optional` when a type calls `encode` (not `encodeIfPresent`)
/// on an optional field to write an explicit `null`.
protocol OptionalEncodable {
    func wrappedSchema() throws -> Schema
}

extension Optional: OptionalEncodable where Wrapped: Encodable {
    func wrappedSchema() throws -> Schema {
        if let self { return try SchemaEncoder.schema(of: self) }
        return try SchemaEncoder.schema(ofType: Wrapped.self)
    }
}
