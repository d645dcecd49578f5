import Foundation
import NN
import Tensor
import EngineSupport
import Testing

struct LossTests {
    static let labels: [Int32] = [2, 0, 1, 2]

    /// Batch-mean loss of `kind` at `logits` (B = labels.count).
    static func meanLoss(_ kind: Loss.Kind, _ logits: Tensor, _ labels: [Int32]) -> Double {
        labels.withUnsafeBufferPointer { Loss(kind).evaluate(logits: logits, labels: $0, computeGradient: false) }
            / Double(labels.count)
    }

    @Test(arguments: Engines.names, Loss.Kind.allCases)
    func gradient_matchesFiniteDifferencesOfMeanLoss(engine: String, kind: Loss.Kind) { Engines.on(engine) {
        let logits = GradientCheck.randomTensor([4, 3], seed: 11, scale: 3)
        let loss = Loss(kind)
        _ = Self.labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: true) }
        let analytic = loss.gradient.toArray()
        let h: Float = 1e-2
        for i in 0..<logits.count {
            let saved = logits[i]
            logits[i] = saved + h; let plus = Self.meanLoss(kind, logits, Self.labels)
            logits[i] = saved - h; let minus = Self.meanLoss(kind, logits, Self.labels)
            logits[i] = saved
            let numeric = (plus - minus) / Double(2 * h)
            #expect(abs(Double(analytic[i]) - numeric) < 2e-3, "logit \(i): \(analytic[i]) vs \(numeric)")
        }
    } }

    @Test func crossEntropy_knownValue_isLogSumExpMinusTarget() {
        let logits = Tensor([1, 2, 3], shape: [1, 3])
        let expected = log(exp(1.0) + exp(2.0) + exp(3.0)) - 1
        #expect(abs(Self.meanLoss(.crossEntropy, logits, [0]) - expected) < 1e-5)
    }

    @Test func crossEntropy_hugeLogits_staysFinite() {
        let logits = Tensor([1000, -1000, 500, 0, 88, 89], shape: [2, 3])
        let loss = Loss(.crossEntropy)
        let value = [Int32(1), 0].withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: true) }
        #expect(value.isFinite && abs(value - (2000 + 89 + log(1 + exp(-1.0) + exp(-89.0)))) < 1e-2)
        #expect(loss.gradient.toArray().allSatisfy { $0.isFinite })
        #expect(loss.probabilities.toArray().allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func mse_knownValue_isMeanSquaredErrorOfSoftmaxAgainstOneHot() {
        let logits = Tensor([0, 0], shape: [1, 2])   // softmax = (0.5, 0.5)
        #expect(abs(Self.meanLoss(.mse, logits, [1]) - 0.25) < 1e-6)   // ((0.5)² + (0.5)²) / 2
    }

    @Test func probabilities_rowsSumToOne() {
        let logits = GradientCheck.randomTensor([4, 3], seed: 12, scale: 5)
        let loss = Loss(.crossEntropy)
        _ = Self.labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: false) }
        let p = loss.probabilities.toArray()
        for r in 0..<4 { #expect(abs(p[(r * 3)..<(r * 3 + 3)].reduce(0, +) - 1) < 1e-6) }
    }
}
