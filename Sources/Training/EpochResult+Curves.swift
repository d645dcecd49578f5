import Metrics
import Wire

extension EpochResult {
    /// Points kept per stored curve: enough to draw; the AUCs come from the full curves.
    static let storedCurvePoints = 200

    /// The 10 class curves, then micro and macro, each thinned for drawing (AUCs from the full
    /// curves; nil when a class is missing from the test split).
    public var curves: [Curve] {
        let points = Self.storedCurvePoints
        var curves = report.classROC.enumerated().map { k, roc in
            let thin = roc.thinned(to: points)
            return Curve(curve: String(k), auc: EpochRow.defined(roc.auc), fpr: thin.fpr, tpr: thin.tpr)
        }
        let micro = report.microROC.thinned(to: points)
        curves.append(Curve(curve: "micro", auc: EpochRow.defined(report.aucMicro), fpr: micro.fpr, tpr: micro.tpr))
        let macro = ROCCurve.macroAverage(report.classROC, auc: report.aucMacro).thinned(to: points)
        curves.append(Curve(curve: "macro", auc: EpochRow.defined(report.aucMacro), fpr: macro.fpr, tpr: macro.tpr))
        return curves
    }

    /// `matrix[truth][predicted]` on the test split.
    public var confusion: [[Int]] { report.confusion }
}
