import Testing
@testable import Store

@Suite struct JSONColumnTests {
    @Test func encode_nonFiniteNumbers_roundTrip() throws {
        let values: [Double] = [0, 0.5, .nan, .infinity, -.infinity, 1e-12]
        let back = try JSONColumn.decode([Double].self, from: try JSONColumn.encode(values))
        #expect(back.count == values.count && back[2].isNaN && back[3] == .infinity && back[5] == 1e-12)
    }

    @Test func decode_notJSON_throwsEncodingError() {
        let error = #expect(throws: StoreError.self) { try JSONColumn.decode([[Int]].self, from: "[[1,") }
        guard case .encoding = error else { Issue.record("got \(String(describing: error))"); return }
    }
}
