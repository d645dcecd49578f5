/// `Schema` as OpenAPI 3.1 writes it: `{"type": ["number", "null"]}` for an optional number,
/// `required` for the fields that are always there, `$ref` for a named schema.
extension Schema {
    public struct DocumentError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a schema of the document, following `$ref`s into `components` (except to `named`,
    /// which are compared by name only).
    /// - Returns: the schema, and whether the node admits null.
    public static func read(_ node: JSONValue, components: [String: JSONValue], named: Set<String>,
                            at path: String) throws -> (schema: Schema, nullable: Bool) {
        if let alternatives = node["anyOf"], case let .array(options) = alternatives {
            let nonNull = options.filter { $0["type"]?.string != "null" }
            guard nonNull.count == 1 else { throw DocumentError(description: "\(path): anyOf other than [T, null]") }
            return (try read(nonNull[0], components: components, named: named, at: path).schema, nonNull.count < options.count)
        }
        if let ref = node["$ref"]?.string {
            let name = String(ref.split(separator: "/").last ?? "")
            if named.contains(name) { return (.named(name), false) }
            guard let target = components[name] else { throw DocumentError(description: "\(path): \(ref) is not in the document") }
            return try read(target, components: components, named: named, at: path)
        }
        var types: [String] = []
        switch node["type"] {
        case let .string(t)?: types = [t]
        case let .array(a)?: types = a.compactMap(\.string)
        default: throw DocumentError(description: "\(path): no type")
        }
        let nullable = types.contains("null")
        types.removeAll { $0 == "null" }
        guard types.count == 1 else { throw DocumentError(description: "\(path): type \(types) is not one type") }
        switch types[0] {
        case "object":
            guard case let .object(properties)? = node["properties"] else { return (.object([]), nullable) }
            var required = Set<String>()
            if case let .array(names)? = node["required"] { required = Set(names.compactMap(\.string)) }
            let list = try properties.keys.sorted().map { name in
                let (schema, null) = try read(properties[name]!, components: components, named: named, at: "\(path).\(name)")
                return Property(name: name, schema: schema, optional: null || !required.contains(name))
            }
            return (.object(list), nullable)
        case "array":
            guard let items = node["items"] else { throw DocumentError(description: "\(path): array without items") }
            return (.array(try read(items, components: components, named: named, at: path + "[]").schema), nullable)
        case "string":
            if case let .array(values)? = node["enum"] { return (.enumeration(values.compactMap(\.string)), nullable) }
            return (.scalar("string"), nullable)
        case let scalar:
            return (.scalar(scalar), nullable)
        }
    }

    /// The schema as a document node; a nested schema equal to one of `shared` is a `$ref` to it.
    public func openAPI(nullable: Bool = false, shared: [String: Schema] = [:], isRoot: Bool = true) -> JSONValue {
        func typed(_ type: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
            .object(extra.merging(["type": nullable ? .array([.string(type), .string("null")]) : .string(type)]) { a, _ in a })
        }
        if !isRoot, let name = shared.first(where: { $0.value == self })?.key {
            let ref = JSONValue.object(["$ref": .string("#/components/schemas/\(name)")])
            return nullable ? .object(["anyOf": .array([ref, .object(["type": .string("null")])])]) : ref
        }
        switch self {
        case let .scalar(t): return typed(t)
        case let .enumeration(values):
            return typed("string", ["enum": .array(values.map { .string($0) } + (nullable ? [.null] : []))])
        case let .array(items): return typed("array", ["items": items.openAPI(shared: shared, isRoot: false)])
        case let .named(name):
            let ref = JSONValue.object(["$ref": .string("#/components/schemas/\(name)")])
            return nullable ? .object(["anyOf": .array([ref, .object(["type": .string("null")])])]) : ref
        case let .object(properties):
            var props: [String: JSONValue] = [:]
            for p in properties { props[p.name] = p.schema.openAPI(nullable: p.optional, shared: shared, isRoot: false) }
            let required = properties.filter { !$0.optional }.map { JSONValue.string($0.name) }
            return typed("object", ["properties": .object(props), "required": .array(required)])
        }
    }
}
