import Testing
import Wire

@Suite struct SchemaEncoderTests {
    @Test func epochRow_describesEveryKey_withOptionalMetrics() throws {
        guard case let .object(properties) = try SchemaEncoder.schema(of: EpochRow.example) else {
            Issue.record("not an object"); return
        }
        #expect(properties.map(\.name) == FlatEncoder.columns(of: EpochRow.example).map(\.key))
        #expect(properties.first == .init(name: "epoch", schema: .scalar("integer"), optional: false))
        #expect(properties.dropFirst().allSatisfy { $0.optional && $0.schema == .scalar("number") })
    }

    @Test func errorBody_explicitNull_isOptional_andEnumListsCodes() throws {
        let schema = try SchemaEncoder.schema(of: ErrorBody.example)
        guard case let .object(outer) = schema, case let .object(inner) = outer.first?.schema else {
            Issue.record("not nested objects: \(schema)"); return
        }
        #expect(inner.first { $0.name == "field" }?.optional == true)
        #expect(inner.first { $0.name == "code" }?.schema == .enumeration(ErrorCode.allCases.map(\.rawValue)))
    }

    @Test func lists_describeTheirElements() throws {
        guard case let .object(properties) = try SchemaEncoder.schema(of: Confusion.example) else { return }
        #expect(properties.first { $0.name == "matrix" }?.schema == .array(.array(.scalar("integer"))))
    }

    @Test func differences_nameMissingExtraAndNullability() {
        let mine = Schema.object([.init(name: "a", schema: .scalar("number"), optional: true),
                                  .init(name: "b", schema: .scalar("string"), optional: false)])
        let doc = Schema.object([.init(name: "a", schema: .scalar("number"), optional: false),
                                 .init(name: "c", schema: .scalar("string"), optional: false)])
        #expect(mine.differences(from: doc, at: "T") == [
            "T.a: nullable in the type, required in the document",
            "T.b: in the type, missing from the document",
            "T.c: in the document, no such field in the type",
        ])
    }
}
