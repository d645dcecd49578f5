import Store
import Wire

/// Decides after each epoch whether a sweep's run goes on, from the objective values its sweep
/// has stored so far (so the decision survives restarts: it is all in SQLite).
struct EarlyStopping: Sendable {
    let sweepID: Int64
    let metric: String
    let goal: SweepSpec.Goal
    let rule: SweepSpec.EarlyStopping
    let store: RunStore

    /// Runs that must have reached an epoch before the median rule compares with them (the
    /// rule as the issue defines it: any other run that has a value there).
    static let medianMinimumPeers = 1

    /// True when `runID`, just done with `epoch`, should stop.
    func shouldStop(runID: Int64, epoch: Int) -> Bool {
        guard rule.rule != .none, epoch >= rule.minEpochs,
              let series = try? store.metricSeries(sweepID: sweepID, metric: metric),
              let mine = series[runID] else { return false }
        let better: (Double, Double) -> Bool = goal == .max ? { $0 > $1 } : { $0 < $1 }
        switch rule.rule {
        case .none:
            return false
        case .median:
            let best = mine.filter { $0.key <= epoch }.values.reduce(nil as Double?) { b, v in b.map { better(v, $0) ? v : $0 } ?? v }
            let peers = series.filter { $0.key != runID }.compactMap { $0.value[epoch] }.sorted()
            guard let best, peers.count >= Self.medianMinimumPeers else { return false }
            let n = peers.count, median = n % 2 == 1 ? peers[n / 2] : (peers[n / 2 - 1] + peers[n / 2]) / 2
            return better(median, best)
        case .asha:
            // Rungs at min_epochs · rf^k: past a rung only the best 1/rf of the runs there go on.
            let rf = max(2, rule.reductionFactor)
            var rung = max(1, rule.minEpochs)
            while rung < epoch { rung *= rf }
            guard rung == epoch, let value = mine[epoch] else { return false }
            let atRung = series.compactMap { $0.value[epoch] }
            guard atRung.count >= rf else { return false }
            let keep = max(1, atRung.count / rf)
            let ahead = atRung.filter { better($0, value) }.count
            return ahead >= keep
        }
    }
}
