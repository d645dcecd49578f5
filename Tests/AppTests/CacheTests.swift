@testable import App
@testable import Store
import Testing
import Training
import Wire

struct CacheTests {
    static func record(id: Int64 = 1, epochsDone: Int = 0, status: RunStatus = .running) -> RunRecord {
        RunRecord(id: id, name: "r", status: status, dataset: "mnist", modelType: "mlp", specJSON: "{}",
                  createdAt: "2026-12-01T00:00:00.000Z", device: "cpu", epochsTotal: 3, epochsDone: epochsDone,
                  cancelRequested: false, trainSecondsTotal: 0)
    }

    @Test func responseCache_hitsOnlyForTheSameRowAndProgress() {
        let cache = ResponseCache()
        let run = Self.record(), progress = Progress(epoch: 1, batch: 2, batches: 9, fraction: 0.1)
        cache.store([1, 2, 3], for: run, progress: progress)
        #expect(cache.body(for: run, progress: progress) == [1, 2, 3])
        #expect(cache.body(for: Self.record(epochsDone: 1), progress: progress) == nil)        // the row moved on
        #expect(cache.body(for: run, progress: Progress(epoch: 1, batch: 3, batches: 9, fraction: 0.2)) == nil)
        #expect(cache.body(for: run, progress: nil) == nil)
        cache.remove(id: 1)
        #expect(cache.body(for: run, progress: progress) == nil)
    }

    @Test func specCache_decodesOnce_forgetsRemovedRuns_toleratesBadText() throws {
        let cache = SpecCache()
        let spec = try RunSpec.decode(Array(#"{"epochs": 2}"#.utf8))
        let entry = cache.entry(id: 5, specJSON: try WireJSON.text(spec), layersJSON: try WireJSON.text(spec.layerTable))
        #expect(entry.spec == spec && entry.layers == spec.layerTable)
        // Cached by id: a second call does not decode again (other text, same answer).
        #expect(cache.entry(id: 5, specJSON: "not json", layersJSON: nil).spec == spec)
        cache.remove(id: 5)
        let bad = cache.entry(id: 5, specJSON: "not json", layersJSON: nil)
        #expect(bad.spec == nil && bad.layers == nil)
    }
}
