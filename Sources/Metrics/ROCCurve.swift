/// A receiver operating characteristic curve and the area under it, for one binary problem.
///
/// Built as scikit-learn's `roc_curve` builds it: scores sorted from high to low, one point
/// per *distinct* score (tied scores move the curve diagonally, which is what makes the
/// trapezoidal AUC count a tie as half a win), starting at (0, 0).
public struct ROCCurve: Equatable, Sendable, Codable {
    public let fpr: [Double]
    public let tpr: [Double]
    /// Score at each point (the first point's is +infinity, as in scikit-learn).
    public let thresholds: [Double]
    /// Trapezoidal area under the curve; NaN when only one class is present.
    public let auc: Double

    /// - Parameters:
    ///   - scores: higher means "more likely positive".
    ///   - positives: the truth for each score.
    public init(scores: [Double], positives: [Bool]) {
        precondition(scores.count == positives.count, "ROCCurve: \(scores.count) scores for \(positives.count) labels")
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var fps: [Double] = [0], tps: [Double] = [0], thresholds: [Double] = [.infinity]
        var tp = 0.0, fp = 0.0
        for (rank, i) in order.enumerated() {
            if positives[i] { tp += 1 } else { fp += 1 }
            let last = rank == order.count - 1
            if last || scores[order[rank + 1]] != scores[i] {   // close a group of tied scores
                tps.append(tp); fps.append(fp); thresholds.append(scores[i])
            }
        }
        let p = tp, n = fp
        fpr = fps.map { n > 0 ? $0 / n : .nan }
        tpr = tps.map { p > 0 ? $0 / p : .nan }
        self.thresholds = thresholds
        guard p > 0, n > 0 else { auc = .nan; return }
        var area = 0.0
        for k in 1..<fpr.count { area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2 }
        auc = area
    }

    init(fpr: [Double], tpr: [Double], thresholds: [Double], auc: Double) {
        (self.fpr, self.tpr, self.thresholds, self.auc) = (fpr, tpr, thresholds, auc)
    }

    /// At most about `maxPoints` points for drawing, keeping the first and last and the
    /// corners: points are kept where the curve turns, then evenly among the rest.
    public func thinned(to maxPoints: Int) -> ROCCurve {
        guard fpr.count > maxPoints, maxPoints >= 2 else { return self }
        let n = fpr.count
        let step = Double(n - 1) / Double(maxPoints - 1)
        var keep = Set((0..<maxPoints).map { Int((Double($0) * step).rounded()) })
        keep.insert(n - 1)
        let idx = keep.sorted()
        return ROCCurve(fpr: idx.map { fpr[$0] }, tpr: idx.map { tpr[$0] }, thresholds: idx.map { thresholds[$0] }, auc: auc)
    }
}
