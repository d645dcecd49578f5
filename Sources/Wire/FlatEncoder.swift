import Foundation

/// A scalar of a flat record: one SQL column, one CSV cell.
public enum FlatValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The CSV cell: empty for null and for non-finite numbers.
    public var csv: String {
        switch self {
        case .null: ""
        case let .integer(n): "\(n)"
        case let .real(x): x.isFinite ? "\(x)" : ""
        case let .text(s): s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
    }
}

/// Flattens a record of scalars (an `EpochRow`) into its keys and values, in declaration
/// order, nil fields included: the columns of its SQL table and of its CSV.
///
/// ```swift
/// FlatEncoder.columns(of: row)   // [("epoch", .integer(3)), ("train_seconds", .real(0.31)), ...]
/// ```
public enum FlatEncoder {
    public static func columns(of value: some Encodable) -> [(key: String, value: FlatValue)] {
        let sink = Sink()
        do { try value.encode(to: FlatEncoding(sink: sink)) } catch {
            preconditionFailure("FlatEncoder: \(type(of: value)) is not a flat record: \(error)")
        }
        return sink.columns
    }

    final class Sink { var columns: [(key: String, value: FlatValue)] = [] }

    struct FlatEncoding: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Columns<Key>(sink: sink))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("FlatEncoder: a record, not a list") }
        func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("FlatEncoder: a record, not a value") }
    }

    struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        private func add(_ key: Key, _ value: FlatValue) { sink.columns.append((key.stringValue, value)) }
        mutating func encodeNil(forKey key: Key) { add(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) { add(key, .integer(value ? 1 : 0)) }
        mutating func encode(_ value: String, forKey key: Key) { add(key, .text(value)) }
        mutating func encode(_ value: Double, forKey key: Key) { add(key, .real(value)) }
        mutating func encode(_ value: Float, forKey key: Key) { add(key, .real(Double(value))) }
        mutating func encode(_ value: Int, forKey key: Key) { add(key, .integer(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) { add(key, .integer(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            switch value {
            case let v as any BinaryInteger: add(key, .integer(Int64(v)))
            case let v as any RawRepresentable<String>: add(key, .text(v.rawValue))
            default: throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "not a scalar"))
            }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { add(key, value.map { .real($0) } ?? .null) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { add(key, value.map { .integer(Int64($0)) } ?? .null) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) { add(key, value.map { .text($0) } ?? .null) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { add(key, .null) }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            preconditionFailure("FlatEncoder: \(key.stringValue) is nested")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("FlatEncoder: \(key.stringValue) is a list")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("FlatEncoder: no super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("FlatEncoder: no super") }
    }
}
