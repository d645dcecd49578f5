import Tensor

/// Adagrad (Duchi et al. 2011, https://jmlr.org/papers/v12/duchi11a.html), as
/// `torch.optim.Adagrad`: the step size decays as lr / (1 + (t−1)·lr_decay).
public final class Adagrad: Optimizer {
    public var learningRate: Float
    public let learningRateDecay: Float, eps: Float, weightDecay: Float
    private let parameters: [Parameter]
    private let sums: [Tensor]
    public var steps = 0
    public var slots: [OptimizerSlot] { [OptimizerSlot("sum", sums)] }

    public init(_ parameters: [Parameter], learningRate: Float, learningRateDecay: Float = 0,
                initialAccumulator: Float = 0, eps: Float = 1e-10, weightDecay: Float = 0) {
        precondition(learningRate >= 0 && learningRateDecay >= 0 && initialAccumulator >= 0 && eps >= 0
                     && weightDecay >= 0, "Adagrad: negative hyperparameter")
        self.parameters = parameters
        self.learningRate = learningRate
        (self.learningRateDecay, self.eps, self.weightDecay) = (learningRateDecay, eps, weightDecay)
        sums = stateLike(parameters)
        sums.forEach { $0.fill(initialAccumulator) }
    }

    public func step() {
        steps += 1
        let t = steps
        let clr = learningRate / (1 + Float(t - 1) * learningRateDecay)
        for (i, p) in parameters.enumerated() {      // d = g + wd·w; sum += d²; w -= clr·d/(√sum + eps)
            p.value.backend.adagradStep(p.value, p.grad, sum: sums[i], lr: clr, eps: eps, weightDecay: weightDecay)
        }
    }
}
