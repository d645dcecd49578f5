import Foundation
import Metrics
import Testing

struct ClassificationReportTests {
    struct Reference: Decodable {
        let labels: [Int32]
        let scores: [[Double]]
        let auc_per_class: [Double]
        let auc_macro: Double
        let auc_micro: Double
        let class0_fpr: [Double]
        let class0_tpr: [Double]
    }

    /// scikit-learn's figures for a 3-class set with ties (Fixtures/make_roc_reference.py).
    static let reference: Reference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/roc_reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    @Test func aucs_matchScikitLearn_onTiedScores() {
        let ref = Self.reference
        let report = ClassificationReport(probabilities: ref.scores.flatMap { $0.map(Float.init) }, labels: ref.labels, classes: 3)
        for (got, want) in zip(report.classROC.map(\.auc), ref.auc_per_class) { #expect(abs(got - want) < 1e-9) }
        #expect(abs(report.aucMacro - ref.auc_macro) < 1e-9)
        #expect(abs(report.aucMicro - ref.auc_micro) < 1e-9)
        #expect(report.classROC[0].fpr.count == ref.class0_fpr.count)
        for (got, want) in zip(report.classROC[0].tpr, ref.class0_tpr) { #expect(abs(got - want) < 1e-9) }
    }

    @Test func accuracyAndConfusion_countArgmaxAgainstTruth() {
        let p: [Float] = [0.7, 0.2, 0.1,   // truth 0, predicted 0
                          0.1, 0.8, 0.1,   // truth 1, predicted 1
                          0.5, 0.4, 0.1,   // truth 1, predicted 0
                          0.2, 0.2, 0.6]   // truth 2, predicted 2
        let report = ClassificationReport(probabilities: p, labels: [0, 1, 1, 2], classes: 3)
        #expect(report.accuracy == 0.75)
        #expect(report.confusion == [[1, 0, 0], [1, 1, 0], [0, 0, 1]])
    }

    @Test func missingClass_isLeftOutOfTheMacroAverage() {
        let p: [Float] = [0.9, 0.1, 0, 0.2, 0.8, 0, 0.6, 0.4, 0]
        let report = ClassificationReport(probabilities: p, labels: [0, 1, 0], classes: 3)
        #expect(report.classROC[2].auc.isNaN)
        #expect(report.aucMacro == 1)
    }
}

struct ClassificationReportThinningTests {
    @Test func curvePoints_boundsEveryCurve_keepsFullCurveAUCs() {
        var state: UInt64 = 1
        func unit() -> Float { state = state &* 6364136223846793005 &+ 1442695040888963407; return Float(state >> 40) / 16_777_216 }
        let n = 3000, k = 4
        let p = (0..<n * k).map { _ in unit() }
        let labels = (0..<n).map { Int32($0 % k) }
        let full = ClassificationReport(probabilities: p, labels: labels, classes: k)
        let thin = ClassificationReport(probabilities: p, labels: labels, classes: k, curvePoints: 100)
        #expect(full.microROC.fpr.count > 1000 && thin.microROC.fpr.count <= 101)
        #expect(thin.classROC.allSatisfy { $0.fpr.count <= 101 })
        #expect(thin.aucMicro == full.aucMicro && thin.aucMacro == full.aucMacro)
    }
}
