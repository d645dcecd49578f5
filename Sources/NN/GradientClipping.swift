import Foundation
import Tensor

/// Scales every gradient so their global L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_` does: coefficient maxNorm / (norm + 1e-6), capped at 1.
///
/// ```swift
/// model.backward(loss.gradient)
/// clipGradientNorm(model.parameters, maxNorm: 1)
/// optimizer.step()
/// ```
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    precondition(maxNorm > 0, "clipGradientNorm: maxNorm must be > 0")
    let norm = parameters.reduce(0.0) { $0 + $1.grad.backend.sumOfSquares($1.grad) }.squareRoot()
    let coefficient = Double(maxNorm) / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters { p.grad.backend.scale(p.grad, by: Float(coefficient)) }
    }
    return Float(norm)
}
