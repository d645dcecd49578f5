/// Bad input in a request body: which field, and what is wrong with it.
///
/// `field` is the dotted JSON path ("optimizer.lr", "model.hidden[1]"), so the CLI, the REST
/// API and the dashboard can all point at the offending field. An empty field means the body as
/// a whole (not JSON at all).
public struct SpecError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
