import Tensor

/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay,
/// as `torch.optim.SGD` (dampening 0): the first step seeds the momentum buffer with g.
/// - Paper (Nesterov form): Sutskever et al. 2013, http://proceedings.mlr.press/v28/sutskever13.html
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float, nesterov: Bool, weightDecay: Float
    private let parameters: [Parameter]
    private let buffers: [Tensor]
    public var steps = 0
    public var slots: [OptimizerSlot] { buffers.isEmpty ? [] : [OptimizerSlot("momentum_buffer", buffers)] }

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0, nesterov: Bool = false,
                weightDecay: Float = 0) {
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0, "SGD: negative hyperparameter")
        precondition(!nesterov || momentum > 0, "SGD: nesterov needs momentum > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        buffers = momentum > 0 ? stateLike(parameters) : []
    }

    public func step() {
        let (lr, mu, wd, first) = (learningRate, momentum, weightDecay, steps == 0)
        // d = g + wd·w; buf = d on the first step, else μ·buf + d; w −= lr·(nesterov ? d + μ·buf : buf)
        for (i, p) in parameters.enumerated() {
            let k = p.value.backend
            if mu == 0 { k.sgdStep(p.value, p.grad, lr: lr, weightDecay: wd); continue }
            k.sgdMomentumStep(p.value, p.grad, buffer: buffers[i], lr: lr, momentum: mu, weightDecay: wd, first: first,
                              nesterov: nesterov)
        }
        steps += 1
    }
}
