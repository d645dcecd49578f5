import Store
import Wire

/// Builds the sweep object: counts, the best run, and the configuration table (mean, standard
/// deviation, min and max over seeds of the objective and of the final test accuracy and AUC).
enum SweepReport {
    static func make(_ sweep: SweepRecord, runs: [RunRecord], series: [Int64: [Int: Double]], detail: Bool) -> Sweep {
        var counts = Sweep.StatusCounts()
        for run in runs { counts[run.status] += 1 }
        let status = counts.queued + counts.running > 0
            ? (runs.contains { $0.startedAt != nil } ? "running" : "queued")
            : counts.cancelled > 0 ? "cancelled" : "finished"
        var report = Sweep(id: sweep.id, name: sweep.name, status: status, createdAt: sweep.createdAt, metric: sweep.metric,
                           goal: sweep.goal, counts: counts, runsTotal: runs.count,
                           epochsTrained: runs.reduce(0) { $0 + $1.epochsDone })
        let maximise = sweep.goal == SweepSpec.Goal.max.rawValue
        func best(_ values: some Sequence<Double>) -> Double? { maximise ? values.max() : values.min() }
        let objective = Dictionary(uniqueKeysWithValues: runs.compactMap { run in
            best((series[run.id] ?? [:]).values).map { (run.id, $0) }
        })
        func overrides(_ run: RunRecord) -> JSONValue {
            run.overridesJSON.flatMap { try? WireJSON.decode(JSONValue.self, from: Array($0.utf8)) } ?? .object([:])
        }
        if let top = objective.max(by: { maximise ? $0.value < $1.value : $0.value > $1.value }),
           let run = runs.first(where: { $0.id == top.key }) {
            report.best = Sweep.Best(runId: run.id, objective: top.value, overrides: overrides(run))
        }
        guard detail else { return report }
        var order: [String] = [], groups: [String: [RunRecord]] = [:]
        for run in runs {
            let key = run.configKey ?? ""
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(run)
        }
        var rows = order.map { key in
            let members = groups[key]!
            var shown = overrides(members[0])
            if case var .object(o) = shown { o["seed"] = nil; shown = .object(o) }
            return Sweep.Configuration(key: key, overrides: shown, runIds: members.map(\.id),
                                       objective: Sweep.Summary(members.compactMap { objective[$0.id] }),
                                       testAccuracy: Sweep.Summary(members.compactMap(\.testAccuracy)),
                                       aucMacro: Sweep.Summary(members.compactMap(\.aucMacro)))
        }
        rows.sort { a, b in
            switch (a.objective?.mean, b.objective?.mean) {
            case let (x?, y?): maximise ? x > y : x < y
            case (_?, nil): true
            default: false
            }
        }
        report.configurations = rows
        return report
    }

    /// The configuration table as CSV: one line per configuration, best first.
    static func csv(_ sweep: Sweep) -> String {
        var lines = ["configuration,runs,objective_mean,objective_std,objective_min,objective_max,"
                     + "test_accuracy_mean,test_accuracy_std,auc_macro_mean,auc_macro_std"]
        for c in sweep.configurations ?? [] {
            let text = (try? WireJSON.text(c.overrides)) ?? ""
            func n(_ x: Double?) -> String { FlatValue.real(x ?? .nan).csv }
            lines.append([FlatValue.text(text).csv, "\(c.runIds.count)", n(c.objective?.mean), n(c.objective?.std),
                          n(c.objective?.min), n(c.objective?.max), n(c.testAccuracy?.mean), n(c.testAccuracy?.std),
                          n(c.aucMacro?.mean), n(c.aucMacro?.std)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
