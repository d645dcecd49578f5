import Tensor

/// RMSprop (Hinton, Lecture 6e of "Neural Networks for Machine Learning", 2012), as
/// `torch.optim.RMSprop` (not centered): eps is added after the square root.
public final class RMSprop: Optimizer {
    public var learningRate: Float
    public let alpha: Float, eps: Float, momentum: Float, weightDecay: Float
    private let parameters: [Parameter]
    private let squareAverage: [Tensor], buffers: [Tensor]

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
        let (lr, a, e, mu, wd) = (learningRate, alpha, eps, momentum, weightDecay)
        for (i, p) in parameters.enumerated() {
            let w = p.value.data, g = p.grad.data, sq = squareAverage[i].data, n = p.value.count
            guard mu > 0 else {
                Lanes.update(w, reading: g, sq, count: n) { w, g, sq in          // eight lanes at a time
                    let d = g + wd * w
                    sq = a * sq + (1 - a) * d * d                         // running mean of g²
                    w -= lr * (d / (sq.squareRoot() + e))
                }
                continue
            }
            Lanes.update(w, reading: g, sq, buffers[i].data, count: n) { w, g, sq, buf in
                let d = g + wd * w
                sq = a * sq + (1 - a) * d * d
                buf = mu * buf + d / (sq.squareRoot() + e)
                w -= lr * buf
            }
        }
    }
}
