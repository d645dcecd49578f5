import Tensor

/// RMSprop (Hinton, Lecture 6e of "Neural Networks for Machine Learning", 2012), as
/// `torch.optim.RMSprop` (not centered): eps is added after the square root.
public final class RMSprop: Optimizer {
    public var learningRate: Float
    public let alpha: Float, eps: Float, momentum: Float, weightDecay: Float
    private let parameters: [Parameter]
    private let squareAverage: [Tensor], buffers: [Tensor]
    public var steps = 0
    public var slots: [OptimizerSlot] {
        [OptimizerSlot("square_avg", squareAverage)] + (buffers.isEmpty ? [] : [OptimizerSlot("momentum_buffer", buffers)])
    }

    public init(_ parameters: [Parameter], learningRate: Float, alpha: Float = 0.99, eps: Float = 1e-8,
                momentum: Float = 0, weightDecay: Float = 0) {
        precondition(learningRate >= 0 && alpha >= 0 && eps >= 0 && momentum >= 0 && weightDecay >= 0,
                     "RMSprop: negative hyperparameter")
        self.parameters = parameters
        self.learningRate = learningRate
        (self.alpha, self.eps, self.momentum, self.weightDecay) = (alpha, eps, momentum, weightDecay)
        squareAverage = stateLike(parameters)
        buffers = momentum > 0 ? stateLike(parameters) : []
    }

    public func step() {
        steps += 1
        // d = g + wd·w; sq = αsq + (1−α)d²; w −= lr·d/(√sq + eps), or through buf = μbuf + d/(√sq + eps)
        for (i, p) in parameters.enumerated() {
            p.value.backend.rmspropStep(p.value, p.grad, squareAverage: squareAverage[i],
                                        buffer: momentum > 0 ? buffers[i] : nil, lr: learningRate, alpha: alpha,
                                        eps: eps, momentum: momentum, weightDecay: weightDecay)
        }
    }
}
