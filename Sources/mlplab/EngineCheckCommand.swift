import ArgumentParser
import Foundation
import Training

/// `mlplab engine-check --engine cuda`: every kernel-seam operation on one engine against
/// another (the CPU reference by default), the worst relative difference of each; exits 1 when
/// one passes the tolerance. scripts/gpu-check runs it on a GPU machine.
struct EngineCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-check", abstract: "Compare every kernel-seam operation of two engines.")

    @Option(help: "The engine checked (cuda, cuda:N, avx512, ...).") var engine = "cuda"
    @Option(help: "The engine it is compared with.") var against = "reference"
    @Option(help: "Largest relative difference accepted.") var tolerance = 1e-4

    func run() throws {
        try reportingErrors {
            let rows = try EngineComparison.compare(engine, with: against)
            print("operation                  max relative error   (\(engine) vs \(against))")
            for row in rows {
                let mark = row.relativeError <= tolerance ? "ok" : "FAIL"
                print(row.operation.padding(toLength: 26, withPad: " ", startingAt: 0)
                      + " \(String(format: "%.3e", row.relativeError))            \(mark)")
            }
            let failed = rows.filter { $0.relativeError > tolerance }
            print("\(rows.count - failed.count)/\(rows.count) operations within \(tolerance)")
            if !failed.isEmpty { throw ExitCode(1) }
        }
    }
}
