import Locking
import Training
import Wire

/// Decoded specs, layer tables and sweep overrides by run id. Both are fixed when a run is created, so GETs
/// decode each once instead of parsing the stored JSON on every request.
final class SpecCache: Sendable {
    struct Entry: Sendable {
        let spec: RunSpec?
        let layers: [LayerRow]?
        /// A sweep run's overrides of its sweep's base spec.
        let overrides: JSONValue?
    }

    private let entries = Lock<[Int64: Entry]>([:])
    /// Bound on cached runs; past it the cache starts over (cheap to refill).
    static let capacity = 4096

    func entry(id: Int64, specJSON: String, layersJSON: String?, overridesJSON: String? = nil) -> Entry {
        if let hit = entries.withLock({ $0[id] }) { return hit }
        let entry = Entry(spec: try? WireJSON.decode(RunSpec.self, from: Array(specJSON.utf8)),
                          layers: layersJSON.flatMap { try? WireJSON.decode([LayerRow].self, from: Array($0.utf8)) },
                          overrides: overridesJSON.flatMap { try? WireJSON.decode(JSONValue.self, from: Array($0.utf8)) })
        entries.withLock {
            if $0.count >= Self.capacity { $0.removeAll(keepingCapacity: true) }
            $0[id] = entry
        }
        return entry
    }

    /// Forgets a deleted run (ids are never reused, but the memory is worth returning).
    func remove(id: Int64) { _ = entries.withLock { $0.removeValue(forKey: id) } }
}
