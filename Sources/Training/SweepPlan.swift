import Foundation
import Tensor
import Wire

/// One run a sweep expands into: its validated spec, the overrides that made it from the base
/// (path → value, seed included) and its configuration key (the overrides but the seed).
public struct PlannedRun: Sendable {
    public let spec: RunSpec
    public let overrides: [String: JSONValue]
    public let configKey: String
}

/// Expands a sweep into runs: every grid combination × every random draw × every seed, each
/// applied to the base spec and validated, before anything is stored.
///
/// ```swift
/// let plan = try SweepPlan(sweep)     // SpecError("grid.model.dropout[1]", "must be in [0, 1) (got 1.5)")
/// plan.runs.count                     // grid combinations × random.count × seeds
/// ```
public struct SweepPlan: Sendable {
    public static let maxRuns = 1000
    public let runs: [PlannedRun]
    /// The objective metric, resolved (an epoch row key).
    public let metric: String
    /// The sweep with its defaults filled in (the metric), as stored.
    public let sweep: SweepSpec

    /// Where an override came from, for errors: "grid.model.dropout[1]", "random.params.optimizer.lr", "seeds[2]".
    struct Source { let path: String; let origin: String; let value: JSONValue }

    public init(_ sweep: SweepSpec) throws(SpecError) {
        guard !sweep.name.isEmpty && sweep.name.count <= 200 else { throw SpecError(field: "name", "must be 1 to 200 characters") }
        guard case .object = sweep.base else { throw SpecError(field: "base", "expected a JSON object (a run spec)") }
        guard !sweep.seeds.isEmpty else { throw SpecError(field: "seeds", "must list at least one seed") }
        if let i = sweep.seeds.firstIndex(where: { $0 < 0 }) { throw SpecError(field: "seeds[\(i)]", "must be >= 0 (got \(sweep.seeds[i]))") }
        let gridKeys = sweep.grid.keys.sorted()
        for key in gridKeys {
            try Self.checkPath(key, field: "grid")
            if sweep.grid[key]!.isEmpty { throw SpecError(field: "grid.\(key)", "must list at least one value") }
        }
        let draws = try Self.draws(sweep)
        let combinations = gridKeys.reduce(1) { $0 * sweep.grid[$1]!.count }
        let total = combinations * max(1, draws.count) * sweep.seeds.count
        guard total <= Self.maxRuns else {
            throw SpecError(field: !gridKeys.isEmpty ? "grid" : sweep.random != nil ? "random.count" : "seeds",
                            "expands into \(total) runs (limit \(Self.maxRuns))")
        }
        // Grid combinations in a fixed order: the last key varies fastest.
        var combos: [[Source]] = [[]]
        for key in gridKeys {
            combos = combos.flatMap { combo in
                sweep.grid[key]!.enumerated().map { i, v in combo + [Source(path: key, origin: "grid.\(key)[\(i)]", value: v)] }
            }
        }
        let samples = draws.isEmpty ? [[]] : draws
        var runs: [PlannedRun] = [], metric: String?
        for combo in combos {
            for sample in samples {
                let config = combo + sample
                let key = (try? WireJSON.text(JSONValue.object(Dictionary(config.map { ($0.path, $0.value) },
                                                                          uniquingKeysWith: { _, b in b })))) ?? ""
                for (i, seed) in sweep.seeds.enumerated() {
                    let sources = config + [Source(path: "seed", origin: "seeds[\(i)]", value: .number(Double(seed)))]
                    let spec = try Self.spec(sweep, sources, index: runs.count + 1, of: total)
                    let resolved = try Self.metric(sweep, spec)
                    metric = resolved
                    runs.append(PlannedRun(spec: spec, overrides: Dictionary(sources.map { ($0.path, $0.value) },
                                                                             uniquingKeysWith: { _, b in b }),
                                           configKey: key))
                }
            }
        }
        self.runs = runs
        self.metric = metric ?? "test_accuracy"
        var stored = sweep
        stored.objective.metric = self.metric
        self.sweep = stored
    }

    /// The base with `sources` applied, named after the sweep, decoded and validated; an error
    /// names where the offending value came from.
    static func spec(_ sweep: SweepSpec, _ sources: [Source], index: Int, of total: Int) throws(SpecError) -> RunSpec {
        var json = sweep.base
        for s in sources { json = json.setting(s.path.split(separator: ".").map(String.init), to: s.value) }
        json = json.setting(["name"], to: .string("\(sweep.name) \(index)/\(total)"))
        let bytes: [UInt8]
        do { bytes = try WireJSON.encode(json) } catch { throw SpecError(field: "base", "cannot be encoded: \(error)") }
        do { return try RunSpec.decode(bytes) } catch {
            let match = sources.filter { error.field == $0.path || error.field.hasPrefix($0.path + ".") || error.field.hasPrefix($0.path + "[") }
                .max { $0.path.count < $1.path.count }
            guard let match else { throw SpecError(field: error.field.isEmpty ? "base" : "base." + error.field, error.message) }
            throw SpecError(field: match.origin + error.field.dropFirst(match.path.count), error.message)
        }
    }

    /// The objective metric: given, else validation accuracy when there is a split, else test accuracy.
    static func metric(_ sweep: SweepSpec, _ spec: RunSpec) throws(SpecError) -> String {
        let keys = FlatEncoder.columns(of: EpochRow(epoch: 1)).map(\.key).filter { $0 != "epoch" }
        let metric = sweep.objective.metric ?? (spec.validation > 0 ? "validation_accuracy" : "test_accuracy")
        guard keys.contains(metric) else {
            throw SpecError(field: "objective.metric", "unknown metric '\(metric)' (expected one of: \(keys.joined(separator: ", ")))")
        }
        if metric.hasPrefix("validation_") && spec.validation == 0 {
            throw SpecError(field: "objective.metric", "\(metric) needs a validation split: set base.validation")
        }
        return metric
    }

    static func checkPath(_ path: String, field: String) throws(SpecError) {
        if path.isEmpty || path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw SpecError(field: "\(field).\(path)", "is not a dot path into the run spec")
        }
        if path == "seed" || path == "name" { throw SpecError(field: "\(field).\(path)", "is set by the sweep (use seeds)") }
    }

    /// The random part: `count` draws of every parameter, from a generator seeded by `sweep.seed`.
    static func draws(_ sweep: SweepSpec) throws(SpecError) -> [[Source]] {
        guard let random = sweep.random else { return [] }
        guard (1...maxRuns).contains(random.count) else {
            throw SpecError(field: "random.count", "must be in 1...\(maxRuns) (got \(random.count))")
        }
        let keys = random.params.keys.sorted()
        if keys.isEmpty { throw SpecError(field: "random.params", "must name at least one parameter") }
        for key in keys {
            try checkPath(key, field: "random.params")
            let d = random.params[key]!, field = "random.params.\(key)"
            if let r = d.logUniform, !(r.count == 2 && r[0] > 0 && r[0] < r[1]) {
                throw SpecError(field: field + ".log_uniform", "must be [low, high] with 0 < low < high (got \(r))")
            }
            if let r = d.uniform, !(r.count == 2 && r[0] < r[1]) {
                throw SpecError(field: field + ".uniform", "must be [low, high] with low < high (got \(r))")
            }
            if let r = d.intUniform, !(r.count == 2 && r[0] <= r[1]) {
                throw SpecError(field: field + ".int_uniform", "must be [low, high] with low <= high (got \(r))")
            }
            if let c = d.choice, c.isEmpty { throw SpecError(field: field + ".choice", "must list at least one value") }
        }
        var rng = RandomGenerator(seed: UInt64(sweep.seed))
        return (0..<random.count).map { _ in
            keys.map { key in
                let d = random.params[key]!
                let value: JSONValue
                if let r = d.logUniform { value = .number(exp(log(r[0]) + Double.random(in: 0..<1, using: &rng) * (log(r[1]) - log(r[0])))) }
                else if let r = d.uniform { value = .number(r[0] + Double.random(in: 0..<1, using: &rng) * (r[1] - r[0])) }
                else if let r = d.intUniform { value = .number(Double(Int.random(in: r[0]...r[1], using: &rng))) }
                else { let c = d.choice!; value = c[Int.random(in: 0..<c.count, using: &rng)] }
                return Source(path: key, origin: "random.params.\(key)", value: value)
            }
        }
    }
}

extension JSONValue {
    /// A copy with the value at `path` (object keys) replaced, creating objects on the way.
    func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var object: [String: JSONValue] = [:]
        if case let .object(o) = self { object = o }
        object[first] = (object[first] ?? .null).setting(Array(path.dropFirst()), to: value)
        return .object(object)
    }
}
