import Foundation
import Wire

/// Slurm's command-line tools as subprocesses (`sbatch`, `squeue --json`, `scontrol`, `scancel`):
/// measured here to need less set-up than slurmrestd (which refuses root, wants JWT over TCP and
/// runs jobs as `slurm`) for the same answers. Output is decoded leniently: `squeue --json`'s
/// shape changes between Slurm versions.
struct Slurm: Sendable {
    /// A job as `squeue --json` describes it.
    struct Job: Sendable, Equatable {
        let id: String
        let name: String
        /// PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, PREEMPTED, OUT_OF_MEMORY...
        let state: String
        let reason: String
        /// Unix seconds the job started; nil before.
        let startTime: Int?
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Where the tools are (empty: on PATH).
    var binDirectory = ""
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Runs `tool` with `arguments`; stdout, or a `Failure` with stderr's first line.
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process(), out = Pipe(), err = Pipe()
        process.executableURL = URL(fileURLWithPath: binDirectory.isEmpty ? "/usr/bin/env" : binDirectory + "/" + tool)
        process.arguments = binDirectory.isEmpty ? [tool] + arguments : arguments
        process.environment = environment
        (process.standardOutput, process.standardError) = (out, err)
        do { try process.run() } catch { throw Failure(description: "cannot run \(tool): \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw Failure(description: "\(tool) exited \(process.terminationStatus): \(line)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Submits `script`; the job id (`sbatch --parsable`).
    func submit(script: String, arguments: [String]) throws -> String {
        let out = try run("sbatch", ["--parsable"] + arguments + [script])
        guard let id = out.split(whereSeparator: \.isNewline).first?.split(separator: ";").first, !id.isEmpty else {
            throw Failure(description: "sbatch printed no job id")
        }
        return String(id)
    }

    /// Every job Slurm still knows (finished ones for MinJobAge seconds), by id.
    func jobs() throws -> [String: Job] {
        Self.parseQueue(try run("squeue", ["--json"]))
    }

    func cancel(_ id: String) throws { _ = try run("scancel", [id]) }

    /// Parses `squeue --json` (OpenAPI v0.0.38 and later: `job_state` a string or a list,
    /// numbers plain or `{"set": true, "number": N}`), through the generic `JSONValue`.
    static func parseQueue(_ text: String) -> [String: Job] {
        guard let root = try? WireJSON.decode(JSONValue.self, from: Array(text.utf8)),
              case let .array(jobs)? = root["jobs"] else { return [:] }
        func number(_ value: JSONValue?) -> Int? {
            switch value {
            case .number(let n)?: return Int(n)
            case .object?: return value?["set"] == .bool(false) ? nil : number(value?["number"])
            default: return nil
            }
        }
        var out: [String: Job] = [:]
        for job in jobs {
            guard let id = number(job["job_id"]) else { continue }
            var state = job["job_state"]?.string ?? "UNKNOWN"
            if case let .array(states)? = job["job_state"], let first = states.first?.string { state = first }
            let start = number(job["start_time"]).flatMap { $0 > 0 ? $0 : nil }
            out["\(id)"] = Job(id: "\(id)", name: job["name"]?.string ?? "", state: state,
                               reason: job["state_reason"]?.string ?? "", startTime: start)
        }
        return out
    }

    /// `scontrol show job ID -o`'s JobState and Reason, for a job `squeue` no longer lists; nil
    /// when Slurm has forgotten it too.
    func finalState(_ id: String) -> (state: String, reason: String)? {
        guard let line = try? run("scontrol", ["show", "job", id, "-o"]) else { return nil }
        var fields: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        guard let state = fields["JobState"] else { return nil }
        return (state, fields["Reason"] ?? "")
    }

    /// States in which a job no longer runs.
    static let endedStates: Set<String> = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED",
                                           "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "SPECIAL_EXIT"]
}
