import Foundation
import Tensor

/// Adam (Kingma & Ba 2014, https://arxiv.org/abs/1412.6980) and AdamW (Loshchilov & Hutter
/// 2017, https://arxiv.org/abs/1711.05101v3), as `torch.optim.Adam` / `AdamW`.
///
/// Adam folds weight decay into the gradient (L2); AdamW decays the weights directly,
/// `w *= 1 - lr·wd`, before the Adam step.
public final class Adam: Optimizer {
    public enum WeightDecay: Sendable { case l2, decoupled }

    public var learningRate: Float
    public let beta1: Float, beta2: Float, eps: Float, weightDecay: Float, mode: WeightDecay
    private let parameters: [Parameter]
    private let m: [Tensor], v: [Tensor]
    public var steps = 0
    public var slots: [OptimizerSlot] { [OptimizerSlot("exp_avg", m), OptimizerSlot("exp_avg_sq", v)] }

    public init(_ parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                eps: Float = 1e-8, weightDecay: Float = 0, mode: WeightDecay = .l2) {
        precondition(learningRate >= 0 && eps >= 0 && weightDecay >= 0, "Adam: negative hyperparameter")
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: betas must be in [0, 1)")
        self.parameters = parameters
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.eps, self.weightDecay, self.mode) = (beta1, beta2, eps, weightDecay, mode)
        m = stateLike(parameters)
        v = stateLike(parameters)
    }

    public func step() {
        steps += 1
        let t = steps
        let (b1, b2, lr, wd) = (beta1, beta2, learningRate, weightDecay)
        let stepSize = lr / (1 - pow(b1, Float(t)))                       // bias correction of m
        let sqrtBias2 = (1 - pow(b2, Float(t))).squareRoot()              // bias correction of v
        let l2: Float = mode == .l2 ? wd : 0, shrink: Float = mode == .decoupled ? 1 - lr * wd : 1
        // d = g + l2·w; m = β₁m + (1−β₁)d; v = β₂v + (1−β₂)d²; w = w·shrink − stepSize·m/(√v/√(1−β₂ᵗ) + eps)
        for (i, p) in parameters.enumerated() {
            p.value.backend.adamStep(p.value, p.grad, m: m[i], v: v[i], beta1: b1, beta2: b2, stepSize: stepSize,
                                     sqrtBias2: sqrtBias2, eps: eps, l2: l2, shrink: shrink)
        }
    }
}
