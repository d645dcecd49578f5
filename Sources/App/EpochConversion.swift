import Metrics
import Store
import Training

/// Turns what the trainer measured into what the store keeps.
extension EpochResult {
    var record: EpochRecord {
        EpochRecord(epoch: epoch, trainSeconds: trainSeconds, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                    testLoss: testLoss, testAccuracy: testAccuracy, aucMacro: aucMacro, aucMicro: aucMicro,
                    samplesPerSecond: samplesPerSecond, evalSeconds: evalSeconds)
    }

    /// The 10 class curves, then micro and macro, each thinned for drawing (AUCs from the full curves).
    var curveRecords: [CurveRecord] {
        let points = 200
        var curves = report.classROC.enumerated().map { k, roc in
            let thin = roc.thinned(to: points)
            return CurveRecord(curve: String(k), auc: roc.auc, fpr: thin.fpr, tpr: thin.tpr)
        }
        let micro = report.microROC.thinned(to: points)
        curves.append(CurveRecord(curve: "micro", auc: report.aucMicro, fpr: micro.fpr, tpr: micro.tpr))
        let macro = ROCCurve.macroAverage(report.classROC, auc: report.aucMacro).thinned(to: points)
        curves.append(CurveRecord(curve: "macro", auc: report.aucMacro, fpr: macro.fpr, tpr: macro.tpr))
        return curves
    }
}
