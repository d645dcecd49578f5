import Foundation
import Testing
@testable import Store

@Suite struct RunStoreListingTests {
    /// Runs with these test accuracies (nil: no epoch yet), ties and NULLs included; AUCs run
    /// the other way so the two metric sorts differ.
    static let accuracies: [Double?] = [0.9, nil, 0.95, 0.9, nil, 0.97, 0.5, 0.9, nil, 0.95, 0.1, 0.97]

    private func seed(_ store: RunStore) throws -> [RunRecord] {
        for (i, accuracy) in Self.accuracies.enumerated() {
            let run = try store.createRun(.make(name: "run-\(i % 3)", dataset: i % 2 == 0 ? "mnist" : "fashion-mnist",
                                                modelType: i % 4 == 0 ? "mixer" : "mlp"))
            if let accuracy {
                try store.recordEpoch(runID: run.id, epoch: .make(testAccuracy: accuracy, aucMacro: 1 - accuracy / 10),
                                      curves: [], confusion: [])
            }
        }
        return try store.listRuns(RunQuery(sort: RunSort(field: .created, descending: false), limit: 500)).runs
    }

    /// The order `sort` must produce, computed in Swift: keyed runs by (key, id), then keyless runs by id.
    private func reference(_ runs: [RunRecord], _ sort: RunSort) -> [Int64] {
        func key(_ r: RunRecord) -> Double? {
            switch sort.field { case .created: Double(r.id); case .testAccuracy: r.testAccuracy; case .aucMacro: r.aucMacro }
        }
        func ordered(_ a: RunRecord, _ b: RunRecord, _ ka: Double, _ kb: Double) -> Bool {
            ((ka, a.id) < (kb, b.id)) != sort.descending
        }
        let keyed = runs.filter { key($0) != nil }.sorted { ordered($0, $1, key($0)!, key($1)!) }
        let keyless = runs.filter { key($0) == nil }.sorted { ($0.id < $1.id) != sort.descending }
        return (keyed + keyless).map(\.id)
    }

    private func allPages(_ store: RunStore, _ query: RunQuery) throws -> (ids: [Int64], pages: Int) {
        var query = query, ids: [Int64] = [], pages = 0
        repeat {
            let page = try store.listRuns(query)
            #expect(page.runs.count <= query.limit)
            ids += page.runs.map(\.id)
            pages += 1
            query.after = page.next
        } while query.after != nil && pages < 100
        return (ids, pages)
    }

    static let sorts = RunSort.Field.allCases.flatMap { [RunSort(field: $0, descending: false), RunSort(field: $0, descending: true)] }

    @Test func listRuns_default_newestFirst() throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store)
            let page = try store.listRuns(RunQuery())
            #expect(page.runs.map(\.id) == runs.map(\.id).reversed())
            #expect(page.next == nil)
        }
    }

    @Test(arguments: sorts)
    func listRuns_eachSort_matchesReferenceWithNullsLast(sort: RunSort) throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store)
            let listed = try store.listRuns(RunQuery(sort: sort, limit: 500)).runs.map(\.id)
            #expect(listed == reference(runs, sort))
            if sort.field != .created { #expect(try store.run(id: listed.last!)?.testAccuracy == nil) }
        }
    }

    @Test(arguments: sorts, [1, 3, 5, 12])
    func listRuns_cursorPaging_visitsEveryRowOnceInOrder(sort: RunSort, limit: Int) throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store)
            let (ids, pages) = try allPages(store, RunQuery(sort: sort, limit: limit))
            #expect(ids == reference(runs, sort))
            #expect(pages == (runs.count + limit - 1) / limit)
        }
    }

    @Test(arguments: sorts)
    func listRuns_filteredPaging_visitsEveryMatchOnce(sort: RunSort) throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store).filter { $0.dataset == "mnist" && $0.modelType == "mlp" }
            let (ids, _) = try allPages(store, RunQuery(dataset: "mnist", modelType: "mlp", sort: sort, limit: 2))
            #expect(ids == reference(runs, sort))
        }
    }

    @Test func listRuns_filters_matchExactly() throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store)
            _ = try store.claimNextQueued(worker: 1)
            func ids(_ q: RunQuery) throws -> Set<Int64> { Set(try store.listRuns(q).runs.map(\.id)) }
            #expect(try ids(RunQuery(status: .running)) == [runs[0].id])
            #expect(try ids(RunQuery(status: .queued)).count == runs.count - 1)
            #expect(try ids(RunQuery(dataset: "fashion-mnist")) == Set(runs.filter { $0.dataset == "fashion-mnist" }.map(\.id)))
            #expect(try ids(RunQuery(modelType: "mixer")) == Set(runs.filter { $0.modelType == "mixer" }.map(\.id)))
            #expect(try ids(RunQuery(name: "run-1")) == Set(runs.filter { $0.name == "run-1" }.map(\.id)))
            #expect(try ids(RunQuery(name: "run")) == [])                      // exact, not a prefix
            #expect(try ids(RunQuery(name: "run-1' OR '1'='1")) == [])
            #expect(try ids(RunQuery(status: .running, dataset: "fashion-mnist")) == [])
        }
    }

    @Test func listRuns_runsAddedBetweenPages_noDuplicatesOrGaps() throws {
        try Fixture.withStore { store, _ in
            let runs = try seed(store)
            let first = try store.listRuns(RunQuery(limit: 5))
            for _ in 0..<3 { _ = try store.createRun(.make()) }                // newer than the cursor
            let (rest, _) = try allPages(store, RunQuery(limit: 5, after: first.next))
            #expect(first.runs.map(\.id) + rest == runs.map(\.id).reversed())
        }
    }

    @Test func listRuns_exactMultipleOfLimit_lastPageHasNoNext() throws {
        try Fixture.withStore { store, _ in
            _ = try seed(store)
            let (_, pages) = try allPages(store, RunQuery(limit: 6))
            #expect(pages == 2)
        }
    }

    @Test(arguments: ["garbage!", "", "eyJ4IjoxfQ", String(repeating: "A", count: 400), "bnVsbA"])
    func listRuns_malformedCursor_throwsInvalidCursor(cursor: String) throws {
        try Fixture.withStore { store, _ in
            _ = try seed(store)
            let error = #expect(throws: StoreError.self) { try store.listRuns(RunQuery(after: cursor)) }
            guard case .invalidCursor = error else { Issue.record("got \(String(describing: error))"); return }
        }
    }

    @Test func listRuns_cursorOfAnotherSort_throwsInvalidCursor() throws {
        try Fixture.withStore { store, _ in
            _ = try seed(store)
            let next = try #require(try store.listRuns(RunQuery(sort: RunSort("-test_accuracy")!, limit: 2)).next)
            let error = #expect(throws: StoreError.self) {
                try store.listRuns(RunQuery(sort: RunSort("auc_macro")!, limit: 2, after: next))
            }
            guard case .invalidCursor = error else { Issue.record("got \(String(describing: error))"); return }
        }
    }
}
