@testable import App
import Store
import Testing
import TestSupport
import Wire

/// The stopping rules on stored objective values (no training).
struct EarlyStoppingTests {
    /// A store holding one sweep whose runs have these validation accuracies per epoch.
    static func store(_ curves: [[Double]]) throws -> RunStore {
        let dir = IDXFixture.temporaryDirectory()
        let store = try RunStore(path: dir + "/s.sqlite3", migrationsDirectory: ServiceHarness.repo + "/migrations")
        let runs = curves.indices.map { i in NewRun(name: "r\(i)", dataset: "mnist", modelType: "mlp", specJSON: "{}", epochsTotal: 10) }
        _ = try store.createSweep(name: "s", specJSON: "{}", metric: "validation_accuracy", goal: "max", runs: runs)
        for (i, curve) in curves.enumerated() {
            for (e, value) in curve.enumerated() {
                var row = EpochRow(epoch: e + 1)
                row.validationAccuracy = value
                try store.recordEpoch(runID: Int64(i + 1), epoch: row, curves: [], confusion: [])
            }
        }
        return store
    }

    static func rule(_ store: RunStore, _ rule: SweepSpec.Rule, minEpochs: Int = 1, goal: SweepSpec.Goal = .max) -> EarlyStopping {
        var r = SweepSpec.EarlyStopping(rule: rule, minEpochs: minEpochs)
        r.reductionFactor = 2
        return EarlyStopping(sweepID: 1, metric: "validation_accuracy", goal: goal, rule: r, store: store)
    }

    @Test func median_stopsARunWorseThanTheMedianOfThePeersAtThatEpoch() throws {
        let store = try Self.store([[0.5, 0.6, 0.7], [0.6, 0.7, 0.8], [0.55, 0.65, 0.75], [0.2, 0.3]])
        let median = Self.rule(store, .median)
        #expect(median.shouldStop(runID: 4, epoch: 2))            // 0.3 < median(0.6, 0.7, 0.65)
        #expect(!median.shouldStop(runID: 2, epoch: 2))           // the best run goes on
        #expect(!Self.rule(store, .median, minEpochs: 3).shouldStop(runID: 4, epoch: 2))
        #expect(!Self.rule(store, .median, goal: .min).shouldStop(runID: 4, epoch: 2))   // lower is better: it leads
    }

    @Test func median_noPeerAtThatEpochYet_neverStops() throws {
        let store = try Self.store([[0.9], [0.1, 0.2]])
        #expect(!Self.rule(store, .median).shouldStop(runID: 2, epoch: 2))     // nobody else reached epoch 2
        #expect(Self.rule(store, .median).shouldStop(runID: 2, epoch: 1))      // at epoch 1 it trails run 1
    }

    @Test func asha_keepsTheTopHalfAtEachRung() throws {
        let store = try Self.store([[0.9, 0.9], [0.8, 0.8], [0.3, 0.3], [0.2, 0.2]])
        let asha = Self.rule(store, .asha)          // rungs at epochs 1, 2, 4, ... with reduction factor 2
        #expect(!asha.shouldStop(runID: 1, epoch: 1) && !asha.shouldStop(runID: 2, epoch: 1))
        #expect(asha.shouldStop(runID: 3, epoch: 1) && asha.shouldStop(runID: 4, epoch: 2))
    }
}
