import Foundation
import Testing
import TestSupport
import Training
import Wire

/// Sweeps end to end on a real service and a tiny data set.
@Suite(.serialized) struct SweepEndpointsTests {
    @Test func sweep_expandsRuns_finishes_andItsTableSummarisesItsRuns() throws {
        let h = try ServiceHarness(workers: 2)
        let body = """
            {"name": "lr", "base": {"epochs": 2, "batch_size": 50, "validation": 50, "model": {"hidden": [8]}},
             "grid": {"optimizer.lr": [0.1, 0.001]}, "seeds": [1, 2]}
            """
        let created = try h.request("POST", "/api/sweeps", body: body)
        #expect(created.status == 201 && created.headers["location"] == "/api/sweeps/1")
        #expect(try created.json(Sweep.self).runsTotal == 4)
        let deadline = Date().addingTimeInterval(60)
        var sweep = try h.request("GET", "/api/sweeps/1").json(Sweep.self)
        while sweep.status != "finished" && Date() < deadline {
            usleep(50_000)
            sweep = try h.request("GET", "/api/sweeps/1").json(Sweep.self)
        }
        #expect(sweep.status == "finished" && sweep.counts.finished == 4 && sweep.epochsTrained == 8)
        let runs = try h.request("GET", "/api/runs?sweep=1").json(RunInfoList.self).runs
        #expect(runs.count == 4 && runs.allSatisfy { $0.sweepId == 1 })
        let rows = try #require(sweep.configurations)
        #expect(rows.count == 2 && rows.allSatisfy { $0.runIds.count == 2 })
        for row in rows {          // every mean is the mean of its runs' best validation accuracy
            let best = try row.runIds.map { id in
                try h.request("GET", "/api/runs/\(id)/epochs").json(Epochs.self).epochs.compactMap(\.validationAccuracy).max()!
            }
            #expect(abs(row.objective!.mean - best.reduce(0, +) / 2) < 1e-12 && row.objective!.n == 2)
            #expect(row.objective!.min == best.min() && row.objective!.max == best.max())
        }
        #expect(rows[0].objective!.mean >= rows[1].objective!.mean)             // best first
        #expect(sweep.best?.objective == rows[0].objective!.max)
        let csv = try h.request("GET", "/api/sweeps/1?format=csv").text.split(separator: "\n")
        #expect(csv.count == 3 && csv[0].hasPrefix("configuration,runs,objective_mean"))
        #expect(try h.request("DELETE", "/api/sweeps/1").status == 204)
        #expect(try h.request("GET", "/api/runs?sweep=1").json(RunInfoList.self).runs.isEmpty)
    }

    @Test func badSweep_is400NamingThePath_andNothingIsStored() throws {
        let h = try ServiceHarness()
        let r = try h.request("POST", "/api/sweeps", body: #"{"grid": {"model.dropout": [0.1, 1.5]}}"#)
        let error = try r.json(ErrorBody.self).error
        #expect(r.status == 400 && error.field == "grid.model.dropout[1]" && error.message == "must be in [0, 1) (got 1.5)")
        #expect(try h.request("POST", "/api/sweeps", body: #"{"seeds": []}"#).json(ErrorBody.self).error.field == "seeds")
        #expect(try h.request("GET", "/api/sweeps").json(SweepList.self).sweeps.isEmpty)
        #expect(try h.request("GET", "/api/runs").json(RunInfoList.self).runs.isEmpty)
    }

    @Test func cancel_stopsEveryRun() throws {
        let h = try ServiceHarness()
        let body = #"{"base": {"epochs": 10000, "batch_size": 1, "model": {"hidden": [8]}}, "seeds": [1, 2, 3]}"#
        #expect(try h.request("POST", "/api/sweeps", body: body).status == 201)
        try h.waitFor(run: 1) { $0.status == .running }
        #expect(try h.request("DELETE", "/api/sweeps/1").status == 409)
        #expect(try h.request("POST", "/api/sweeps/1/cancel").status == 200)
        for id in 1...3 { #expect(try h.waitFor(run: Int64(id), timeout: 10) { $0.status.isFinal }.status == .cancelled) }
    }
}
