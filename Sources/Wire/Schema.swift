/// The shape of a wire type as JSON: what docs/openapi.json must say about it.
///
/// `SchemaEncoder` derives it from a type's example; `Schema(openAPI:)` reads it back from the
/// document, so a test can compare the two property by property.
public indirect enum Schema: Equatable, Sendable {
    /// "string", "integer", "number" or "boolean".
    case scalar(String)
    /// A string with these values.
    case enumeration([String])
    case array(Schema)
    case object([Property])
    /// Described by hand in the document under this name (a request body with type-dependent
    /// fields, like the run spec); only its presence is compared.
    case named(String)

    public struct Property: Equatable, Sendable {
        public var name: String
        public var schema: Schema
        /// May be absent or null (a Swift optional); the others are required and never null.
        public var optional: Bool
        public init(name: String, schema: Schema, optional: Bool) {
            (self.name, self.schema, self.optional) = (name, schema, optional)
        }
    }

    /// The differences between `self` (from the types) and `document`, one line each, with
    /// the property path ("Run.latest.test_loss: ...").
    public func differences(from document: Schema, at path: String) -> [String] {
        switch (self, document) {
        case let (.object(mine), .object(theirs)):
            var out: [String] = []
            for p in mine {
                guard let q = theirs.first(where: { $0.name == p.name }) else {
                    out.append("\(path).\(p.name): in the type, missing from the document"); continue
                }
                if p.optional != q.optional {
                    out.append("\(path).\(p.name): \(p.optional ? "nullable" : "required") in the type, "
                               + "\(q.optional ? "nullable" : "required") in the document")
                }
                out += p.schema.differences(from: q.schema, at: "\(path).\(p.name)")
            }
            for q in theirs where !mine.contains(where: { $0.name == q.name }) {
                out.append("\(path).\(q.name): in the document, no such field in the type")
            }
            return out
        case let (.array(a), .array(b)): return a.differences(from: b, at: path + "[]")
        case let (.enumeration(a), .enumeration(b)) where Set(a) != Set(b):
            return ["\(path): values \(a.sorted()) in the type, \(b.sorted()) in the document"]
        default:
            return self == document ? [] : ["\(path): \(summary) in the type, \(document.summary) in the document"]
        }
    }

    var summary: String {
        switch self {
        case let .scalar(t): t
        case .enumeration: "an enumeration"
        case .array: "an array"
        case .object: "an object"
        case let .named(name): "#/components/schemas/\(name)"
        }
    }
}
