extension ROCCurve {
    /// The macro-average ROC curve of one-vs-rest class curves: on the union of their false
    /// positive rates, the mean of each class's true positive rate (linearly interpolated), as
    /// scikit-learn's ROC example draws it. Its `auc` is the given macro AUC (the mean of the
    /// class AUCs), so the drawn curve and the reported number agree with the epoch's figures.
    public static func macroAverage(_ curves: [ROCCurve], auc: Double) -> ROCCurve {
        let defined = curves.filter { !$0.auc.isNaN }
        guard !defined.isEmpty else { return ROCCurve(fpr: [], tpr: [], thresholds: [], auc: auc) }
        let grid = Array(Set(defined.flatMap(\.fpr))).sorted()
        let tpr = grid.map { x in defined.map { $0.interpolatedTPR(at: x) }.reduce(0, +) / Double(defined.count) }
        return ROCCurve(fpr: grid, tpr: tpr, thresholds: grid.map { _ in .nan }, auc: auc)
    }

    /// The curve's TPR at false positive rate `x`: the highest where the curve rises vertically.
    func interpolatedTPR(at x: Double) -> Double {
        var hi = fpr.count - 1
        while hi > 0 && fpr[hi - 1] >= x { hi -= 1 }       // first point with fpr >= x
        // Among points at exactly x, take the last (the top of a vertical segment).
        var top = hi
        while top + 1 < fpr.count && fpr[top + 1] == x { top += 1 }
        if fpr[top] == x || hi == 0 { return tpr[top] }
        let (x0, x1, y0, y1) = (fpr[hi - 1], fpr[hi], tpr[hi - 1], tpr[hi])
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
}
