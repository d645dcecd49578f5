import Foundation
@testable import App
import Testing

/// `squeue --json` as Slurm 22.05 printed it on this kind of machine (Fixtures/squeue-*.json:
/// a job running, then the same job after `scancel`), read by the executor's lenient parser.
struct SlurmTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func parseQueue_runningJob_hasStateNameAndStart() throws {
        let jobs = Slurm.parseQueue(try Self.fixture("squeue-running.json"))
        let job = try #require(jobs["1"])
        #expect(job.name == "mlplab-7-1" && job.state == "RUNNING")
        #expect((job.startTime ?? 0) > 1_700_000_000)
    }

    @Test func parseQueue_cancelledJob_isEnded() throws {
        let job = try #require(Slurm.parseQueue(try Self.fixture("squeue-cancelled.json"))["1"])
        #expect(job.state == "CANCELLED" && Slurm.endedStates.contains(job.state))
    }

    @Test func parseQueue_newerShapes_listStateAndNumberObjects() {
        let text = #"{"jobs": [{"job_id": {"set": true, "number": 9}, "name": "mlplab-3-2", "job_state": ["PENDING"],"#
            + #" "state_reason": "Resources", "start_time": {"set": false, "number": 0}}]}"#
        let job = Slurm.parseQueue(text)["9"]
        #expect(job == Slurm.Job(id: "9", name: "mlplab-3-2", state: "PENDING", reason: "Resources", startTime: nil))
        #expect(Slurm.parseQueue("not json").isEmpty)
    }

    @Test func jobName_carriesRunAndAttempt() {
        #expect(SlurmExecutor.jobName(12, 3) == "mlplab-12-3")
    }
}
