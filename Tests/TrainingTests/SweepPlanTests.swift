import Testing
import Training
import Wire

struct SweepPlanTests {
    static func sweep(_ json: String) throws -> SweepSpec { try SweepSpec.decode(Array(json.utf8)) }

    /// The field of the SpecError that planning `json` throws.
    static func failure(_ json: String) -> SpecError? {
        do { _ = try SweepPlan(try sweep(json)); return nil } catch let error as SpecError { return error } catch {
            return SpecError(field: "?", "\(error)")
        }
    }

    @Test func gridTimesRandomTimesSeeds_expandsInAFixedOrder() throws {
        let plan = try SweepPlan(try Self.sweep("""
            {"name": "s", "base": {"epochs": 2, "validation": 100},
             "grid": {"optimizer": [{"type": "sgd", "lr": 0.1}, {"type": "adam", "lr": 0.001}], "model.dropout": [0, 0.2]},
             "random": {"count": 3, "params": {"batch_size": {"int_uniform": [16, 64]}}},
             "seeds": [1, 2]}
            """))
        #expect(plan.runs.count == 2 * 2 * 3 * 2)
        #expect(plan.metric == "validation_accuracy")
        #expect(plan.runs.map(\.spec.seed).prefix(4) == [1, 2, 1, 2])
        #expect(Set(plan.runs.map(\.configKey)).count == 12)                 // seeds share a configuration
        // Keys in sorted order, the last varying fastest: model.dropout, then optimizer; 3 draws x 2 seeds each.
        #expect(plan.runs[0].spec.model.dropout == 0 && plan.runs[6].spec.optimizer.type == .adam)
        #expect(plan.runs[12].spec.model.dropout == 0.2 && plan.runs[12].spec.optimizer.type == .sgd)
        #expect(plan.runs.allSatisfy { (16...64).contains($0.spec.batchSize) && $0.spec.epochs == 2 })
        #expect(plan.runs[0].spec.name == "s 1/24")
    }

    @Test func random_isSeeded_sameSweepSameExpansion() throws {
        let json = #"{"random": {"count": 5, "params": {"optimizer.lr": {"log_uniform": [1e-4, 0.1]}}}, "seed": 9}"#
        let a = try SweepPlan(try Self.sweep(json)).runs.map(\.spec.optimizer.lr)
        let b = try SweepPlan(try Self.sweep(json)).runs.map(\.spec.optimizer.lr)
        #expect(a == b && Set(a).count == 5 && a.allSatisfy { $0 >= 1e-4 && $0 <= 0.1 })
        let other = try SweepPlan(try Self.sweep(json.replacingOccurrences(of: "9}", with: "10}"))).runs.map(\.spec.optimizer.lr)
        #expect(other != a)
    }

    @Test(arguments: [
        (#"{"grid": {"model.dropout": [0, 1.5]}}"#, "grid.model.dropout[1]", "must be in [0, 1) (got 1.5)"),
        (#"{"grid": {"model.dropuot": [0.1]}}"#, "grid.model.dropuot[0]", "unknown field"),
        (#"{"grid": {"epochs": ["two"]}}"#, "grid.epochs[0]", "expected an integer"),
        (#"{"grid": {"optimizer": [{"type": "sgd"}, {"type": "adam", "momentum": 0.9}]}}"#, "grid.optimizer[1].momentum", "unknown field"),
        (#"{"random": {"count": 2, "params": {"optimizer.lr": {"log_uniform": [0, 1]}}}}"#, "random.params.optimizer.lr.log_uniform", "0 < low"),
        (#"{"seeds": []}"#, "seeds", "at least one seed"),
        (#"{"grid": {"seed": [1, 2]}}"#, "grid.seed", "set by the sweep"),
        (#"{"base": {"epochs": 0}}"#, "base.epochs", "must be in 1...10000"),
        (#"{"objective": {"metric": "validation_accuracy"}}"#, "objective.metric", "needs a validation split"),
        (#"{"objective": {"metric": "colour"}}"#, "objective.metric", "unknown metric"),
        (#"{"grid": {"batch_size": [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]}, "seeds": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91]}"#, "grid", "limit 1000"),
    ])
    func badSweep_namesThePathAndValue(json: String, field: String, message: String) {
        let error = Self.failure(json)
        #expect(error?.field == field && error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func unknownSweepField_isRefusedWhenDecoding() {
        #expect(throws: SpecError.self) { try Self.sweep(#"{"grids": {}}"#) }
    }
}
