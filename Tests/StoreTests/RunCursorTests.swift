import Testing
@testable import Store

@Suite struct RunCursorTests {
    private let sort = RunSort(field: .testAccuracy, descending: true)

    @Test(arguments: [0.9694, nil, 1e-300, 0.1 + 0.2])
    func encoded_decoding_roundTripsExactly(value: Double?) throws {
        let cursor = RunCursor(sort: sort, value: value, id: 123_456)
        let text = cursor.encoded()
        #expect(text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(try RunCursor(decoding: text, for: sort) == cursor)
    }

    @Test func decoding_otherSort_throws() {
        let text = RunCursor(sort: sort, value: 0.5, id: 3).encoded()
        #expect(throws: StoreError.invalidCursor("cursor is for sort '-test_accuracy', not 'test_accuracy'")) {
            try RunCursor(decoding: text, for: RunSort(field: .testAccuracy, descending: false))
        }
    }

    @Test func decoding_impossiblePosition_throws() {
        let created = RunSort.newestFirst
        #expect(throws: StoreError.self) { try RunCursor(decoding: RunCursor(sort: created, value: 0.5, id: 3).encoded(), for: created) }
        #expect(throws: StoreError.self) { try RunCursor(decoding: RunCursor(sort: sort, value: 0.5, id: -1).encoded(), for: sort) }
    }
}
