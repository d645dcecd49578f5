/// A wire type that can show one instance of itself, with every optional field set and every
/// list non-empty: `SchemaEncoder` walks it to describe the type for docs/openapi.json.
public protocol WireExample: Encodable {
    static var example: Self { get }
}

extension RunStatus: WireExample { public static var example: RunStatus { .finished } }
extension ErrorCode: WireExample { public static var example: ErrorCode { .invalidSpec } }
