import Foundation

/// Binary data inside a JSON body, written as one standard base64 string (RFC 4648 §4, padded):
/// a remote worker's checkpoint and stored predictions travel in its epoch message this way,
/// so an epoch is one request, stored in one transaction.
///
/// ```swift
/// let field = Base64Bytes([1, 2, 3])        // encodes as "AQID"
/// ```
public struct Base64Bytes: Codable, Sendable, Equatable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let data = Data(base64Encoded: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a base64 string")
        }
        bytes = [UInt8](data)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(bytes).base64EncodedString())
    }
}
