import Foundation
import Testing
@testable import Store          // the writer connection's page limit stands in for a full disk
import Training
import Wire

/// A database that cannot grow answers new submissions 507, keeps answering reads, and takes
/// new runs again once it can grow, without a restart.
@Suite struct DiskFullTests {
    private func setPageLimit(_ store: RunStore, extra: Int?) throws {
        try store.writer.use { db in
            let pages = try db.query("PRAGMA page_count") { $0.int(0) }[0]
            try db.execute("PRAGMA max_page_count = \(extra.map { pages + $0 } ?? 1 << 30)")
        }
    }

    @Test func submit_databaseCannotGrow_is507ThenWorksAgain() throws {
        let h = try ServiceHarness()
        let spec = #"{"name": "\#(String(repeating: "n", count: 200))", "epochs": 1, "train_samples": 50, "test_samples": 20}"#
        #expect(try h.request("POST", "/api/runs", body: spec).status == 201)
        try setPageLimit(h.service.store, extra: 0)
        var answer = try h.request("POST", "/api/runs", body: spec)
        var accepted = 0
        while answer.status == 201 && accepted < 500 {
            accepted += 1
            answer = try h.request("POST", "/api/runs", body: spec)
        }
        #expect(answer.status == 507)
        let error = try answer.json(ErrorBody.self).error
        #expect(error.code == .insufficientStorage && error.message.contains("disk"))
        let listed = try h.request("GET", "/api/runs?limit=500")
        #expect(listed.status == 200)
        #expect(try listed.json(RunInfoList.self).runs.count == accepted + 1)
        #expect(try h.request("GET", "/api/health").status == 200)
        try setPageLimit(h.service.store, extra: nil)
        #expect(try h.request("POST", "/api/runs", body: spec).status == 201)
    }
}
