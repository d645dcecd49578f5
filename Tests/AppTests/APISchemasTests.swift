@testable import App
import Foundation
import Testing
import Training
import Wire

/// docs/openapi.json says what the wire types encode: every field, its JSON type and whether
/// it may be null, both ways.
struct APISchemasTests {
    static func document() throws -> JSONValue {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: ServiceHarness.repo + "/docs/openapi.json"))
        return try WireJSON.decode(JSONValue.self, from: Array(bytes))
    }

    /// Applies `change` to the schema `name` of the document.
    static func editing(_ document: JSONValue, schema name: String, _ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
        guard case var .object(root) = document, case var .object(components)? = root["components"],
              case var .object(schemas)? = components["schemas"], case var .object(schema)? = schemas[name],
              case var .object(properties)? = schema["properties"] else { return document }
        change(&properties)
        schema["properties"] = .object(properties)
        schemas[name] = .object(schema)
        components["schemas"] = .object(schemas)
        root["components"] = .object(components)
        return .object(root)
    }

    @Test func document_matchesTheWireTypes() throws {
        #expect(try APISchemas.differences(document: Self.document()) == [])
    }

    @Test func fieldOfTheType_missingFromTheDocument_fails() throws {
        let stale = Self.editing(try Self.document(), schema: "Epoch") { $0["eval_seconds"] = nil }
        let found = try APISchemas.differences(document: stale)    // also where Epoch is used: Run.latest, Epochs.epochs[]
        #expect(found.contains("Epoch.eval_seconds: in the type, missing from the document"))
        #expect(found.contains("Epochs.epochs[].eval_seconds: in the type, missing from the document"))
        #expect(found.allSatisfy { $0.hasSuffix("eval_seconds: in the type, missing from the document") })
    }

    @Test func fieldOfTheDocument_absentFromTheType_fails() throws {
        let invented = Self.editing(try Self.document(), schema: "Health") { $0["uptime"] = .object(["type": .string("number")]) }
        #expect(try APISchemas.differences(document: invented) == ["Health.uptime: in the document, no such field in the type"])
    }

    @Test func nullabilityOrType_changed_fails() throws {
        let wrong = Self.editing(try Self.document(), schema: "Run") {
            $0["epochs_total"] = .object(["type": .array([.string("integer"), .string("null")])])   // never null in the type
            $0["epochs_done"] = .object(["type": .string("string")])
        }
        let found = try APISchemas.differences(document: wrong)
        #expect(found.contains("Run.epochs_done: integer in the type, string in the document"))
        #expect(found.contains("Run.epochs_total: required in the type, nullable in the document"))
        #expect(found.contains("RunList.runs[].epochs_total: required in the type, nullable in the document"))
    }

    @Test func regenerating_theDocument_changesNothing() throws {
        let document = try Self.document()
        #expect(try APISchemas.regenerated(document) == document)
    }
}
