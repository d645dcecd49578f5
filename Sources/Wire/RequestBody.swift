/// A request body type: decoded strictly, then checked, every error naming its field.
/// The service decodes every POST body through `decode` (one decoder for every endpoint).
public protocol RequestBody: Decodable {
    /// Decodes and checks a body.
    /// - Throws: `SpecError` naming the field (empty when the body is not JSON at all).
    static func decode(_ bytes: some Collection<UInt8>) throws(SpecError) -> Self
}

extension RequestBody {
    public static func decode(_ bytes: some Collection<UInt8>) throws(SpecError) -> Self {
        try WireJSON.strict(Self.self, from: bytes)
    }
}
