import Foundation

/// Encodes and decodes the values kept in JSON text columns (curve points, matrices).
///
/// Non-finite numbers are written as the strings "NaN" / "Infinity": a ROC curve of a class
/// absent from the test split has NaN rates, and they must read back as NaN rather than fail.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw StoreError.encoding("cannot encode \(T.self): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return try decoder.decode(T.self, from: Data(text.utf8)) } catch {
            throw StoreError.encoding("cannot decode \(T.self) from stored JSON: \(error)")
        }
    }
}
