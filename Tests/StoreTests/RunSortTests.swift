import Testing
import Store

@Suite struct RunSortTests {
    @Test(arguments: RunSort.Field.allCases, [false, true])
    func init_description_roundTrips(field: RunSort.Field, descending: Bool) {
        let sort = RunSort(field: field, descending: descending)
        #expect(RunSort(sort.description) == sort)
    }

    @Test func init_apiSpellings_parse() {
        #expect(RunSort("-test_accuracy") == RunSort(field: .testAccuracy, descending: true))
        #expect(RunSort("auc_macro") == RunSort(field: .aucMacro, descending: false))
        #expect(RunSort("-created") == .newestFirst)
    }

    @Test(arguments: ["", "-", "accuracy", "--created", "testAccuracy", "Created"])
    func init_unknownField_isNil(text: String) {
        #expect(RunSort(text) == nil)
    }
}
