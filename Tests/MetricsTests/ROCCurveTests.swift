import Foundation
import Metrics
import Testing

struct ROCCurveTests {
    @Test func rocAUC_sklearnDocExample_is0_75() {
        let roc = ROCCurve(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true])
        #expect(abs(roc.auc - 0.75) < 1e-12)
        #expect(roc.fpr == [0, 0, 0.5, 0.5, 1] && roc.tpr == [0, 0.5, 0.5, 1, 1])
    }

    @Test func tiedScores_countHalf() {
        // Positives 0.6, 0.6, 0.9 against negatives 0.2, 0.6: 4 wins and 2 ties of 6 pairs.
        let roc = ROCCurve(scores: [0.2, 0.6, 0.6, 0.6, 0.9], positives: [false, true, true, false, true])
        #expect(abs(roc.auc - 5.0 / 6.0) < 1e-12)
        #expect(roc.fpr.count == 4)                         // one point per distinct score, plus (0, 0)
    }

    @Test func allScoresEqual_isChance() {
        let roc = ROCCurve(scores: [0.5, 0.5, 0.5, 0.5], positives: [true, false, true, false])
        #expect(roc.auc == 0.5)
    }

    @Test func perfectAndInvertedRanking_give1And0() {
        #expect(ROCCurve(scores: [0.9, 0.8, 0.1], positives: [true, true, false]).auc == 1)
        #expect(ROCCurve(scores: [0.9, 0.8, 0.1], positives: [false, false, true]).auc == 0)
    }

    @Test func oneClassOnly_isNaN() {
        #expect(ROCCurve(scores: [0.1, 0.2], positives: [true, true]).auc.isNaN)
    }

    @Test func thinned_keepsEndsAndAUC_withinPointBudget() {
        let n = 5000
        let scores = (0..<n).map { Double(($0 * 7919) % n) / Double(n) }
        let roc = ROCCurve(scores: scores, positives: (0..<n).map { ($0 * 31) % 3 == 0 })
        let thin = roc.thinned(to: 200)
        #expect(thin.fpr.count <= 201 && thin.fpr.count >= 150)
        #expect(thin.fpr.first == 0 && thin.tpr.first == 0 && thin.fpr.last == 1 && thin.tpr.last == 1)
        #expect(thin.auc == roc.auc)
        #expect(zip(thin.fpr, thin.fpr.dropFirst()).allSatisfy { $0 <= $1 })
    }
}

struct ROCAverageTests {
    @Test func macroAverage_ofIdenticalCurves_isThatCurve() {
        let roc = ROCCurve(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true])
        let avg = ROCCurve.macroAverage([roc, roc], auc: roc.auc)
        #expect(avg.fpr == [0, 0.5, 1] && avg.tpr == [0.5, 1, 1])   // top of each vertical segment
        #expect(avg.auc == roc.auc)
    }

    @Test func macroAverage_interpolatesBetweenPoints() {
        let perfect = ROCCurve(scores: [0.9, 0.1], positives: [true, false])          // (0,0) (0,1) (1,1)
        let diagonal = ROCCurve(scores: [0.5, 0.5], positives: [true, false])         // (0,0) (1,1)
        let avg = ROCCurve.macroAverage([perfect, diagonal], auc: 0.75)
        #expect(avg.fpr == [0, 1] && avg.tpr == [0.5, 1])
    }
}
