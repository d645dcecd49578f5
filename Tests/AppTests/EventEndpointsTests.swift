import Foundation
import Testing
import TestSupport
import Training
import Wire

/// The event stream resumes where a dropped connection left it.
@Suite(.serialized) struct EventEndpointsTests {
    @Test func lastEventID_resumesWithTheStoredEpochsAfterIt_noGapNoRepeat() throws {
        let h = try ServiceHarness()
        let run = try h.request("POST", "/api/runs", body: #"{"epochs": 4, "batch_size": 50, "model": {"hidden": [8]}}"#)
            .json(RunInfo.self)
        try h.waitFor(run: run.id) { $0.status == .finished }
        let resumed = try h.request("GET", "/api/runs/\(run.id)/events", headers: ["Last-Event-ID": "2"]).text
        let ids = resumed.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
        #expect(ids == ["3", "4"])
        #expect(resumed.hasPrefix("event: status\n") && resumed.contains(#""epoch":3"#) && !resumed.contains(#""epoch":2,"#))
        let plain = try h.request("GET", "/api/runs/\(run.id)/events").text      // no Last-Event-ID: the status only
        #expect(!plain.contains("event: epoch"))
    }
}
